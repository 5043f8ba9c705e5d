package io.pushtrain.train.push;

import org.springframework.stereotype.Component;

/** The last step of a daily push: the picks that landed run on the hosts now. */
@Component
class DoneStep implements PushStep {

    private final PushPicks picks;

    DoneStep(PushPicks picks) {
        this.picks = picks;
    }

    @Override
    public String name() {
        return "done";
    }

    @Override
    public StepResult run(PushRun push) {
        return StepResult.done(shipped(picks.ship(push.id())));
    }

    @Override
    public StepResult recorded(PastPushCounts push) {
        return StepResult.done(shipped(push.shipped()));
    }

    private static String shipped(int picks) {
        return picks + " pick" + (picks == 1 ? "" : "s") + " shipped";
    }
}
