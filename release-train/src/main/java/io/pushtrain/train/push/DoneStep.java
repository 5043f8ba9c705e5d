package io.pushtrain.train.push;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.cut.TrainRepository;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The picks that made it are shipped; a weekly release push marks its train shipped. */
@Component
@Order(10_000)
class DoneStep implements PushStep {

    private final PickRepository picks;
    private final PushPickRepository pushPicks;
    private final TrainRepository trains;
    private final Clock clock;

    DoneStep(PickRepository picks, PushPickRepository pushPicks, TrainRepository trains, Optional<Clock> clock) {
        this.picks = picks;
        this.pushPicks = pushPicks;
        this.trains = trains;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "done";
    }

    @Override
    public StepResult run(PushRun push) {
        if (push.kind() == PushKind.RELEASE) {
            trains.findById(push.train()).ifPresent(t -> t.shipped());
            return StepResult.done(push.branch() + " shipped as cut");
        }
        List<PickEntity> landed = picks.findByPushIdOrderByIdAsc(push.id()).stream()
            .filter(p -> p.state() == PickState.MERGED || p.state() == PickState.TESTED).toList();
        for (PickEntity pick : landed) {
            pick.moveTo(PickState.SHIPPED, clock.instant());
            pushPicks.findById(new PushPickEntity.Key(push.id(), pick.id())).ifPresent(p -> p.outcome(PickState.SHIPPED));
        }
        return StepResult.done(landed.size() + " pick" + (landed.size() == 1 ? "" : "s") + " shipped");
    }
}
