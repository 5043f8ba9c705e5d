package io.pushtrain.train.push;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.train.PushView;
import io.pushtrain.train.cut.TrainRepository;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.stereotype.Component;

/** Assembles what the API shows of a push from its rows. */
@Component
public class PushViews {

    private final PushStepRepository steps;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;
    private final TrainRepository trains;

    PushViews(PushStepRepository steps, PushPickRepository pushPicks, PickRepository picks, TrainRepository trains) {
        this.steps = steps;
        this.pushPicks = pushPicks;
        this.picks = picks;
        this.trains = trains;
    }

    public PushView of(PushEntity push) {
        List<PushStepEntity> stepRows = steps.findByPushIdOrderByPositionAsc(push.id());
        List<PushPickEntity> taken = pushPicks.findByPushIdOrderByPositionAsc(push.id());
        Map<Long, PickEntity> byId = picks.findAllById(taken.stream().map(PushPickEntity::pickId).toList()).stream()
            .collect(Collectors.toMap(PickEntity::id, Function.identity()));
        List<PushView.PushPickView> pickViews = taken.stream().map(t -> byId.get(t.pickId()))
            .map(p -> new PushView.PushPickView(p.id(), p.commitSha(), p.requester(), p.state(), p.pickedCommit(),
                    p.conflictingPaths(), p.outcomeDetail()))
            .toList();
        PushView.Artifact artifact = push.artifactSha256() == null ? null
                : new PushView.Artifact(push.artifactPath(), push.artifactSha256(), push.artifactSize());
        String branch = trains.findById(push.trainId()).map(t -> t.branch()).orElse(null);
        return new PushView(push.id(), push.trainId(), branch, push.kind(), push.state(), push.requestedBy(),
                push.createdAt(), push.endedAt(), push.presenceDeadline(), Progress.of(stepRows),
                stepRows.stream().map(PushStepEntity::toView).toList(), pickViews, push.baseCommit(),
                push.headCommit(), artifact, push.detail(), push.emergencyReason());
    }
}
