package io.pushtrain.train.push;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Takes the approved picks of the train (and those deferred last time) into the push, in request order. */
@Component
@Order(100)
class SelectStep implements PushStep {

    private final PickRepository picks;
    private final PushPickRepository pushPicks;
    private final Karma karma;
    private final Clock clock;

    SelectStep(PickRepository picks, PushPickRepository pushPicks, Karma karma, Optional<Clock> clock) {
        this.picks = picks;
        this.pushPicks = pushPicks;
        this.karma = karma;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public StepResult run(PushRun push) {
        if (push.kind() == PushKind.RELEASE) {
            return StepResult.skipped("the weekly release ships the train as cut");
        }
        List<PickEntity> queued = picks.findByTrainIdAndStateInAndPushIdIsNullOrderByIdAsc(push.train(),
                EnumSet.of(PickState.APPROVED, PickState.CONFIRMED, PickState.DEFERRED));
        int position = pushPicks.findByPushIdOrderByPositionAsc(push.id()).size();
        int taken = 0;
        int refused = 0;
        for (PickEntity pick : queued) {
            KarmaStanding standing = karma.standing(pick.requester());
            if (standing.refused()) {
                // Karma dropped after approval: the train stops taking this person's picks.
                pick.refuseForKarma(standing.message(), clock.instant());
                refused++;
                continue;
            }
            pick.joinPush(push.id());
            pushPicks.save(new PushPickEntity(push.id(), pick.id(), position++));
            taken++;
        }
        String refusals = refused == 0 ? "" : "; refused " + refused + " for karma";
        return taken == 0 ? StepResult.done("no approved picks: the push ships the branch as it is" + refusals)
                : StepResult.done("took " + taken + " approved pick" + (taken == 1 ? "" : "s") + refusals);
    }
}
