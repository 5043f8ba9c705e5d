package io.pushtrain.train.push;

import io.pushtrain.train.cut.TrainRepository;

import org.springframework.stereotype.Component;

/** The last step of the weekly release push: the train, as cut, runs on the hosts. */
@Component
class ShipStep implements PushStep {

    private final TrainRepository trains;

    ShipStep(TrainRepository trains) {
        this.trains = trains;
    }

    @Override
    public String name() {
        return "ship";
    }

    @Override
    public StepResult run(PushRun push) {
        trains.findById(push.train()).ifPresent(train -> train.shipped());
        return StepResult.done(push.branch() + " shipped as cut");
    }

    @Override
    public StepResult recorded(PastPushCounts push) {
        return StepResult.done(push.branch() + " shipped as cut");
    }
}
