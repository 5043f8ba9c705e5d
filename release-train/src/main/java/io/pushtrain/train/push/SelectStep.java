package io.pushtrain.train.push;

import java.util.EnumSet;
import java.util.List;

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

    SelectStep(PickRepository picks, PushPickRepository pushPicks) {
        this.picks = picks;
        this.pushPicks = pushPicks;
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
        for (PickEntity pick : queued) {
            pick.joinPush(push.id());
            pushPicks.save(new PushPickEntity(push.id(), pick.id(), position++));
        }
        return queued.isEmpty() ? StepResult.done("no approved picks: the push ships the branch as it is")
                : StepResult.done("took " + queued.size() + " approved pick" + (queued.size() == 1 ? "" : "s"));
    }
}
