package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.Offence;
import io.pushtrain.train.PickConflicted;
import io.pushtrain.train.PickMerged;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;
import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.PickOutcome;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cherry-picks the confirmed picks onto the release branch in memory, in order, and records the
 * outcomes and the candidate head on the push. The branch does not move here: tests and Perflab
 * judge the candidate first, and the land step moves the branch by compare-and-swap.
 */
@Component
@Order(300)
class MergeStep implements PushStep {

    private final PushRepository pushes;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;
    private final TrunkMirror trunk;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final PushProbe probe;
    private final Karma karma;
    private final Clock clock;

    MergeStep(PushRepository pushes, PushPickRepository pushPicks, PickRepository picks, TrunkMirror trunk,
            TransactionTemplate tx, ApplicationEventPublisher events, PushProbe probe, Karma karma,
            Optional<Clock> clock) {
        this.pushes = pushes;
        this.pushPicks = pushPicks;
        this.picks = picks;
        this.trunk = trunk;
        this.tx = tx;
        this.events = events;
        this.probe = probe;
        this.karma = karma;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "merge";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        if (run.kind() == PushKind.RELEASE) {
            return StepResult.skipped("the weekly release ships the train as cut");
        }
        PushEntity push = pushes.findById(run.id()).orElseThrow();
        if (push.headCommit() == null) {
            List<PickEntity> confirmed = confirmedInOrder(run.id());
            if (confirmed.isEmpty()) {
                return StepResult.skipped("no confirmed picks to merge");
            }
            ObjectId base = trunk.head(run.branch()).orElseThrow();
            BatchResult batch = PushBatch.picker(trunk, push.createdAt())
                .compute(base, confirmed.stream().map(PushBatch::pick).toList());
            tx.executeWithoutResult(status -> recordOutcomes(run.id(), confirmed, batch));
            probe.reached("merge:outcomes-recorded");
            push = pushes.findById(run.id()).orElseThrow();
        }
        return StepResult.done(summary(run.id(), ObjectId.fromString(push.headCommit())));
    }

    private void recordOutcomes(long pushId, List<PickEntity> confirmed, BatchResult batch) {
        Instant now = clock.instant();
        Map<Long, PushPickEntity> rows = pushPicks.findByPushIdOrderByPositionAsc(pushId).stream()
            .collect(Collectors.toMap(PushPickEntity::pickId, Function.identity()));
        for (int i = 0; i < confirmed.size(); i++) {
            PickEntity pick = picks.findById(confirmed.get(i).id()).orElseThrow();
            PickOutcome outcome = batch.outcomes().get(i);
            switch (outcome.status()) {
                case PICKED -> merged(pushId, pick, outcome.commit().name(), "picked as " + outcome.commit().name(), now);
                case EMPTY -> merged(pushId, pick, null, "already on the branch: nothing to apply", now);
                case CONFLICT -> conflicted(pushId, pick, outcome.conflictingPaths(), outcome.message(), now);
                default -> conflicted(pushId, pick, List.of(), outcome.message(), now);
            }
            rows.get(pick.id()).outcome(pick.state());
        }
        pushes.findById(pushId).orElseThrow().mergeIntent(batch.oldHead().name(), batch.newHead().name());
    }

    private void merged(long pushId, PickEntity pick, String picked, String detail, Instant now) {
        pick.merged(picked, detail, now);
        events.publishEvent(new PickMerged(pushId, pick.id(), pick.requester(), pick.commitSha(), picked));
    }

    private void conflicted(long pushId, PickEntity pick, List<String> paths, String detail, Instant now) {
        pick.conflicted(paths, detail, now);
        karma.penalize(pick.requester(), Offence.CONFLICT, "pick " + pick.id() + " conflicted in push " + pushId);
        events.publishEvent(new PickConflicted(pushId, pick.id(), pick.requester(), pick.commitSha(), paths));
    }

    private List<PickEntity> confirmedInOrder(long pushId) {
        Map<Long, Integer> order = new java.util.HashMap<>();
        pushPicks.findByPushIdOrderByPositionAsc(pushId).forEach(p -> order.put(p.pickId(), p.position()));
        List<PickEntity> confirmed = new ArrayList<>(picks.findByPushIdOrderByIdAsc(pushId).stream()
            .filter(p -> p.state() == PickState.CONFIRMED).toList());
        confirmed.sort(Comparator.comparing(p -> order.getOrDefault(p.id(), Integer.MAX_VALUE)));
        return confirmed;
    }

    private String summary(long pushId, ObjectId head) {
        List<PickEntity> inPush = picks.findByPushIdOrderByIdAsc(pushId);
        long merged = inPush.stream().filter(p -> p.state() == PickState.MERGED).count();
        long conflicted = inPush.stream().filter(p -> p.state() == PickState.CONFLICT).count();
        return merged + " merged, " + conflicted + " conflicted; candidate head " + head.abbreviate(10).name();
    }

}
