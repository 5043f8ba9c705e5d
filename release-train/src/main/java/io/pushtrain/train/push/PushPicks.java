package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.Offence;
import io.pushtrain.train.PickConflicted;
import io.pushtrain.train.PickDeferred;
import io.pushtrain.train.PickFailedTests;
import io.pushtrain.train.PickMerged;
import io.pushtrain.train.PickRegressedPerf;
import io.pushtrain.train.PickState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.Pick;
import io.pushtrain.train.trunk.PickOutcome;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one owner of a pick while it is in a push. Every move (take, defer, merge, hold back,
 * ship, hand back) applies the pick's transition, records it as the pick's outcome in the push,
 * tells the front-ends, and settles karma, here and nowhere else. It also answers the push's
 * picks in merge order, for every step that needs them.
 *
 * <p>Callers run it inside their transaction. History import replays past pushes through
 * {@link #at(Instant)}: the same moves at past times, told to nobody.
 */
@Component
public class PushPicks {

    private static final ApplicationEventPublisher TELL_NOBODY = event -> {
    };

    private final PushLedger ledger;
    private final CandidatePicker picker;
    private final RequesterKarma karma;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final boolean live;

    @Autowired
    PushPicks(PushLedger ledger, CandidatePicker picker, RequesterKarma karma, ApplicationEventPublisher events,
            Optional<Clock> clock) {
        this(ledger, picker, karma, events, clock.orElse(Clock.systemUTC()), true);
    }

    PushPicks(PushLedger ledger, CandidatePicker picker, RequesterKarma karma, ApplicationEventPublisher events,
            Clock clock, boolean live) {
        this.ledger = ledger;
        this.picker = picker;
        this.karma = karma;
        this.events = events;
        this.clock = clock;
        this.live = live;
    }

    /** The same moves at a past time, with no event and no karma: old news. */
    public PushPicks at(Instant when) {
        return new PushPicks(ledger, picker, karma, TELL_NOBODY, Clock.fixed(when, ZoneOffset.UTC), false);
    }

    // --- the push's picks, in merge order -------------------------------------------------

    /** Every pick the push took, in merge order, wherever each is now. */
    public List<PickEntity> taken(long pushId) {
        return ledger.taken(pushId);
    }

    /** The picks still in the push whose requesters have not confirmed yet. */
    public List<PickEntity> awaitingPresence(long pushId) {
        return inPush(pushId).stream().filter(p -> p.state() != PickState.CONFIRMED).toList();
    }

    /** The picks still in the push, whether or not their requesters confirmed. */
    public List<PickEntity> inPush(long pushId) {
        return taken(pushId).stream().filter(p -> Long.valueOf(pushId).equals(p.pushId())).toList();
    }

    /** The confirmed picks, in merge order: what the merge step cherry-picks. */
    public List<PickEntity> confirmed(long pushId) {
        return inPush(pushId).stream().filter(p -> p.state() == PickState.CONFIRMED).toList();
    }

    /** The picks that will land, in merge order: merged (or already tested) and not held back. */
    public List<PickEntity> landing(long pushId) {
        return inPush(pushId).stream()
            .filter(p -> p.state() == PickState.MERGED || p.state() == PickState.TESTED).toList();
    }

    /** Whether no pick of the push is on its way any more: all deferred, conflicted or held back. */
    public boolean nothingToShip(long pushId) {
        return inPush(pushId).stream().noneMatch(p -> p.state().isOnItsWay());
    }

    /** The branch head before the push: what the hosts run. */
    public Optional<ObjectId> base(long pushId) {
        return Optional.ofNullable(ledger.push(pushId).baseCommit()).map(ObjectId::fromString);
    }

    /** The candidate head with every landing pick. */
    public Optional<ObjectId> head(long pushId) {
        return Optional.ofNullable(ledger.push(pushId).headCommit()).map(ObjectId::fromString);
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

    // --- the moves -----------------------------------------------------------------------

    /** What {@link #take} did. */
    public record Taken(int taken, int refused) {
    }

    /**
     * Takes the train's queued picks into the push, in request order; a requester whose karma
     * dropped since the approval is refused here, and the pick does not join.
     */
    public Taken take(long pushId, long trainId) {
        int taken = 0;
        int refused = 0;
        for (PickEntity pick : ledger.queued(trainId)) {
            KarmaStanding standing = karma.standing(pick.requester());
            if (standing.refused()) {
                pick.refuseForKarma(standing.message(), now());
                refused++;
            }
            else {
                join(pushId, pick);
                taken++;
            }
        }
        return new Taken(taken, refused);
    }

    /**
     * Takes the picks the release engineer named into an emergency push, in the order named, as
     * present: nobody is asked to show up. The caller checked that each is queued on the push's train.
     */
    public void takeForEmergency(long pushId, List<PickEntity> named, String by) {
        for (PickEntity pick : named) {
            if (pick.state() != PickState.CONFIRMED) {
                pick.moveTo(PickState.CONFIRMED, now());
            }
            join(pushId, pick);
            pick.outcome("taken by " + by + "'s emergency push " + pushId + ", without the presence wait");
        }
    }

    /** Takes one pick into the push, after those it holds: history's way in. */
    public void join(long pushId, PickEntity pick) {
        pick.joinPush(pushId);
        ledger.take(pushId, pick, ledger.taken(pushId).size());
        ledger.outcome(pushId, pick);
    }

    /** The requester did not show up: the pick leaves the push and waits for the next one. */
    public void defer(long pushId, PickEntity pick) {
        defer(pushId, pick, "no presence in push " + pushId + ": waits for the next push", null);
    }

    /** The release engineer skipped the requester: the pick leaves the push as if they had not shown up. */
    public void skip(long pushId, PickEntity pick, String by) {
        defer(pushId, pick, "skipped by " + by + " in push " + pushId + ": waits for the next push", by);
    }

    private void defer(long pushId, PickEntity pick, String outcome, String skippedBy) {
        if (pick.state() != PickState.DEFERRED) {
            pick.moveTo(PickState.DEFERRED, now());
        }
        pick.leavePush();
        pick.outcome(outcome);
        ledger.outcome(pushId, pick);
        events.publishEvent(new PickDeferred(pushId, pick.id(), pick.requester(), pick.commitSha(), skippedBy));
    }

    /**
     * Records the merge of the confirmed picks, outcome by outcome, and the candidate head it
     * makes, without moving the branch.
     */
    public void merged(long pushId, List<PickEntity> confirmed, BatchResult batch) {
        for (int i = 0; i < confirmed.size(); i++) {
            PickEntity pick = confirmed.get(i);
            PickOutcome outcome = batch.outcomes().get(i);
            switch (outcome.status()) {
                case PICKED -> merged(pushId, pick, outcome.commit().name(), "picked as " + outcome.commit().name());
                case EMPTY -> merged(pushId, pick, null, "already on the branch: nothing to apply");
                case CONFLICT -> conflicted(pushId, pick, outcome.conflictingPaths(), outcome.message());
                default -> conflicted(pushId, pick, List.of(), outcome.message());
            }
        }
        ledger.push(pushId).mergeIntent(batch.oldHead().name(), batch.newHead().name());
    }

    /** History's merge of one pick, whose commit on the branch is not known. */
    public void merged(long pushId, PickEntity pick, String detail) {
        merged(pushId, pick, null, detail);
    }

    private void merged(long pushId, PickEntity pick, String picked, String detail) {
        pick.merged(picked, detail, now());
        ledger.outcome(pushId, pick);
        events.publishEvent(new PickMerged(pushId, pick.id(), pick.requester(), pick.commitSha(), picked));
    }

    /** The pick does not apply to the branch: it leaves the push, and its requester loses karma for it. */
    public void conflicted(long pushId, PickEntity pick, List<String> paths, String detail) {
        pick.conflicted(paths, detail, now());
        ledger.outcome(pushId, pick);
        penalize(pick, Offence.CONFLICT, "pick " + pick.id() + " conflicted in push " + pushId);
        events.publishEvent(new PickConflicted(pushId, pick.id(), pick.requester(), pick.commitSha(), paths));
    }

    /**
     * Holds a landing pick back for its verdict and computes the batch again without it: the
     * picks after it get new commits, or conflict when they needed it, and the candidate head
     * moves. One transaction; the commits carry the push's time, so a retry makes the same ids.
     */
    public void holdBack(long pushId, long pickId, Verdict verdict) {
        PickEntity culprit = taken(pushId).stream().filter(p -> p.id() == pickId).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("push " + pushId + " did not take pick " + pickId));
        heldBack(pushId, culprit, verdict);
        repick(pushId);
    }

    /** The pick's part of {@link #holdBack}: its end state, its outcome, the event, the karma. History's way. */
    public void heldBack(long pushId, PickEntity culprit, Verdict verdict) {
        if (verdict instanceof Verdict.FailedTests failed) {
            culprit.failedTests(failed.tests(), failed.detail(), now());
            penalize(culprit, Offence.FAILED_TESTS, "pick " + culprit.id() + " " + failed.detail());
            events.publishEvent(new PickFailedTests(pushId, culprit.id(), culprit.requester(), culprit.commitSha(),
                    failed.tests()));
        }
        else if (verdict instanceof Verdict.Slower slower) {
            culprit.regressedPerf(slower.detail(), now());
            events.publishEvent(new PickRegressedPerf(pushId, culprit.id(), culprit.requester(), culprit.commitSha(),
                    slower.verdicts()));
        }
        ledger.outcome(pushId, culprit);
    }

    private void repick(long pushId) {
        PushEntity push = ledger.push(pushId);
        List<PickEntity> rest = landing(pushId);
        ObjectId base = ObjectId.fromString(push.baseCommit());
        BatchResult batch = picker.pick(base, rest.stream().map(PushPicks::pick).toList(), push.createdAt());
        for (int i = 0; i < rest.size(); i++) {
            PickEntity pick = rest.get(i);
            PickOutcome outcome = batch.outcomes().get(i);
            switch (outcome.status()) {
                case PICKED -> pick.repicked(outcome.commit().name());
                case EMPTY -> pick.repicked(null);
                default -> {
                    pick.conflictedOnRecompute(outcome.conflictingPaths(),
                            "no longer applies without the pick that was held back: " + outcome.message(), now());
                    ledger.outcome(pushId, pick);
                    events.publishEvent(new PickConflicted(pushId, pick.id(), pick.requester(), pick.commitSha(),
                            outcome.conflictingPaths()));
                }
            }
        }
        push.mergeIntent(base.name(), batch.newHead().name());
    }

    /** The landing picks passed the tests. */
    public void tested(long pushId) {
        for (PickEntity pick : landing(pushId)) {
            if (pick.state() == PickState.MERGED) {
                pick.moveTo(PickState.TESTED, now());
                ledger.outcome(pushId, pick);
            }
        }
    }

    /** The push is done: its landed picks run on the hosts. Answers how many. */
    public int ship(long pushId) {
        List<PickEntity> landed = landing(pushId);
        for (PickEntity pick : landed) {
            pick.moveTo(PickState.SHIPPED, now());
            ledger.outcome(pushId, pick);
        }
        return landed.size();
    }

    /**
     * The push failed or was cancelled: every pick still in it goes back to the queue, keeping
     * why, and the next push takes it (and asks its requester to show up again). Answers how many.
     */
    public int handBack(long pushId, String why) {
        List<PickEntity> held = inPush(pushId).stream().filter(p -> p.state().isOnItsWay()).toList();
        for (PickEntity pick : held) {
            pick.handBack("back in the queue: push " + pushId + " did not ship it (" + why + ")", now());
            ledger.outcome(pushId, pick);
        }
        return held.size();
    }

    private void penalize(PickEntity pick, Offence offence, String detail) {
        if (live) {
            karma.penalize(pick.requester(), offence, detail);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    /** What the merge applies for the pick: its backport when one resolved its conflict, else its commit. */
    static Pick pick(PickEntity pick) {
        if (pick.backportCommit() != null) {
            return Pick.backport(ObjectId.fromString(pick.backportCommit()), ObjectId.fromString(pick.commitSha()));
        }
        return pick.mainline() == null ? Pick.of(ObjectId.fromString(pick.commitSha()))
                : Pick.ofMerge(ObjectId.fromString(pick.commitSha()), pick.mainline());
    }
}
