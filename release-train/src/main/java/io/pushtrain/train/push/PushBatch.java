package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.pushtrain.train.PickConflicted;
import io.pushtrain.train.PickState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;
import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.CherryPicker;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.PickOutcome;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batch a push is about to land, for the steps that judge it (tests, Perflab): which picks it
 * holds, the branch head each prefix of it makes, and how to drop a culprit. The batch stays a
 * candidate, recorded on the push, until the land step moves the branch.
 */
@Component
public class PushBatch {

    private final PushRepository pushes;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;
    private final TrunkMirror trunk;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PushBatch(PushRepository pushes, PushPickRepository pushPicks, PickRepository picks, TrunkMirror trunk,
            TransactionTemplate tx, ApplicationEventPublisher events, Optional<Clock> clock) {
        this.pushes = pushes;
        this.pushPicks = pushPicks;
        this.picks = picks;
        this.trunk = trunk;
        this.tx = tx;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** The picks that will land, in merge order: merged (or already tested) and not dropped. */
    public List<PickEntity> landing(long pushId) {
        Map<Long, Integer> order = new HashMap<>();
        pushPicks.findByPushIdOrderByPositionAsc(pushId).forEach(p -> order.put(p.pickId(), p.position()));
        List<PickEntity> landing = new ArrayList<>(picks.findByPushIdOrderByIdAsc(pushId).stream()
            .filter(p -> p.state() == PickState.MERGED || p.state() == PickState.TESTED).toList());
        landing.sort(Comparator.comparing(p -> order.getOrDefault(p.id(), Integer.MAX_VALUE)));
        return landing;
    }

    /** The branch head before the push: what the hosts run. */
    public Optional<ObjectId> base(long pushId) {
        return Optional.ofNullable(push(pushId).baseCommit()).map(ObjectId::fromString);
    }

    /** The candidate head with every landing pick. */
    public Optional<ObjectId> head(long pushId) {
        return Optional.ofNullable(push(pushId).headCommit()).map(ObjectId::fromString);
    }

    /**
     * The head that the first {@code count} landing picks make. A prefix of a batch that applied
     * cleanly applies the same way, so it is the last picked commit among them: nothing to compute.
     */
    public ObjectId prefixHead(long pushId, List<PickEntity> landing, int count) {
        for (int i = count - 1; i >= 0; i--) {
            if (landing.get(i).pickedCommit() != null) {
                return ObjectId.fromString(landing.get(i).pickedCommit());
            }
        }
        return base(pushId).orElseThrow();
    }

    /**
     * Holds {@code culprit} back ({@code verdict} moves it to its end state) and recomputes the
     * batch without it, in one transaction: the picks after it get new commits, or conflict when
     * they needed it, and the push's candidate head moves. Commits carry the push's time, so a
     * retry after a crash computes the same ids.
     */
    public void drop(long pushId, long culprit, Consumer<PickEntity> verdict) {
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            PickEntity dropped = picks.findById(culprit).orElseThrow();
            verdict.accept(dropped);
            outcome(pushId, dropped);
            PushEntity push = push(pushId);
            List<PickEntity> rest = landing(pushId);
            ObjectId base = ObjectId.fromString(push.baseCommit());
            BatchResult batch = picker(trunk, push.createdAt()).compute(base, rest.stream().map(PushBatch::pick).toList());
            for (int i = 0; i < rest.size(); i++) {
                apply(pushId, rest.get(i), batch.outcomes().get(i), now);
            }
            push.mergeIntent(base.name(), batch.newHead().name());
        });
    }

    /** The landing picks passed the tests. */
    public void tested(long pushId) {
        tx.executeWithoutResult(status -> landing(pushId).stream().filter(p -> p.state() == PickState.MERGED)
            .forEach(p -> {
                p.moveTo(PickState.TESTED, clock.instant());
                outcome(pushId, p);
            }));
    }

    private void apply(long pushId, PickEntity pick, PickOutcome outcome, Instant now) {
        switch (outcome.status()) {
            case PICKED -> pick.repicked(outcome.commit().name());
            case EMPTY -> pick.repicked(null);
            default -> {
                pick.conflictedOnRecompute(outcome.conflictingPaths(),
                        "no longer applies without the pick that was held back: " + outcome.message(), now);
                outcome(pushId, pick);
                events.publishEvent(new PickConflicted(pushId, pick.id(), pick.requester(), pick.commitSha(),
                        outcome.conflictingPaths()));
            }
        }
    }

    private void outcome(long pushId, PickEntity pick) {
        pushPicks.findById(new PushPickEntity.Key(pushId, pick.id())).ifPresent(row -> row.outcome(pick.state()));
    }

    private PushEntity push(long pushId) {
        return pushes.findById(pushId).orElseThrow();
    }

    /** Commits get the push's creation time, so recomputing a batch after a crash makes the same ids. */
    static CherryPicker picker(TrunkMirror trunk, Instant at) {
        PersonIdent committer = new PersonIdent(CherryPicker.TRAIN_NAME, CherryPicker.TRAIN_EMAIL, at, ZoneOffset.UTC);
        return new CherryPicker(trunk.repository(), () -> committer);
    }

    static Pick pick(PickEntity pick) {
        return pick.mainline() == null ? Pick.of(ObjectId.fromString(pick.commitSha()))
                : Pick.ofMerge(ObjectId.fromString(pick.commitSha()), pick.mainline());
    }
}
