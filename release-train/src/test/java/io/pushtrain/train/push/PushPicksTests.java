package io.pushtrain.train.push;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.Offence;
import io.pushtrain.train.PickConflicted;
import io.pushtrain.train.PickDeferred;
import io.pushtrain.train.PickFailedTests;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.PickOutcome;
import io.pushtrain.train.trunk.PickStatus;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pick owner against an in-memory ledger: each move is the transition, the outcome, the event and the karma. */
class PushPicksTests {

    static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");
    static final ObjectId BASE = ObjectId.fromString("1111111111111111111111111111111111111111");

    final InMemoryPushLedger ledger = new InMemoryPushLedger();
    final List<Object> events = new ArrayList<>();
    final List<String> penalties = new ArrayList<>();
    final List<List<ObjectId>> repicks = new ArrayList<>();
    final RequesterKarma karma = new RequesterKarma() {
        @Override
        public KarmaStanding standing(String requester) {
            boolean low = requester.equals("zed");
            return new KarmaStanding(requester, low ? 2 : 5, low, requester + (low ? " has 2 stars" : " has 5 stars"));
        }

        @Override
        public void penalize(String requester, Offence offence, String detail) {
            penalties.add(requester + " " + offence);
        }
    };
    // Re-picking the rest after a hold-back: each gets a new commit named after its position.
    final CandidatePicker picker = (base, batch, at) -> {
        repicks.add(batch.stream().map(p -> p.commit()).toList());
        List<PickOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(new PickOutcome(PickStatus.PICKED, batch.get(i).commit(), commit(90 + i), List.of(), "ok"));
        }
        return new BatchResult(base, outcomes.isEmpty() ? base : commit(90 + outcomes.size() - 1), outcomes, null);
    };
    final PushPicks picks = new PushPicks(ledger, picker, karma, events::add, Clock.fixed(NOW, ZoneOffset.UTC), true);

    @Test
    void takingQueuedPicksRefusesARequesterWhoseKarmaDroppedAndKeepsRequestOrder() {
        PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
        PickEntity first = ledger.approvedPick(1, sha(1), "alice", NOW);
        PickEntity refused = ledger.approvedPick(1, sha(2), "zed", NOW);
        PickEntity second = ledger.approvedPick(1, sha(3), "carol", NOW);

        PushPicks.Taken taken = picks.take(push.id(), 1);

        assertThat(taken).isEqualTo(new PushPicks.Taken(2, 1));
        assertThat(picks.taken(push.id())).containsExactly(first, second);
        assertThat(refused.state()).isEqualTo(PickState.REFUSED_KARMA);
        assertThat(refused.pushId()).isNull();
        assertThat(first.pushId()).isEqualTo(push.id());
    }

    @Test
    void aMergeRecordsEachOutcomeTheCandidateHeadAndChargesTheConflict() {
        PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
        PickEntity clean = confirmed(push, sha(1), "alice");
        PickEntity conflicting = confirmed(push, sha(2), "bob");

        picks.merged(push.id(), List.of(clean, conflicting), new BatchResult(BASE, commit(5), List.of(
                new PickOutcome(PickStatus.PICKED, ObjectId.fromString(clean.commitSha()), commit(5), List.of(), "ok"),
                new PickOutcome(PickStatus.CONFLICT, ObjectId.fromString(conflicting.commitSha()), null, List.of("b.txt"), "conflict in b.txt")),
                null));

        assertThat(clean.state()).isEqualTo(PickState.MERGED);
        assertThat(clean.pickedCommit()).isEqualTo(commit(5).name());
        assertThat(conflicting.state()).isEqualTo(PickState.CONFLICT);
        assertThat(conflicting.conflictingPaths()).containsExactly("b.txt");
        assertThat(ledger.outcomes.get(push.id())).containsEntry(clean.id(), PickState.MERGED)
            .containsEntry(conflicting.id(), PickState.CONFLICT);
        assertThat(push.baseCommit()).isEqualTo(BASE.name());
        assertThat(push.headCommit()).isEqualTo(commit(5).name());
        assertThat(picks.landing(push.id())).containsExactly(clean);
        assertThat(penalties).containsExactly("bob CONFLICT");
        assertThat(events).hasAtLeastOneElementOfType(PickConflicted.class);
    }

    @Test
    void holdingACulpritBackRepicksTheRestWithoutItAndMovesTheCandidate() {
        PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
        PickEntity a = confirmed(push, sha(1), "alice");
        PickEntity culprit = confirmed(push, sha(2), "bob");
        PickEntity c = confirmed(push, sha(3), "carol");
        picks.merged(push.id(), List.of(a, culprit, c), batch(a, culprit, c));

        picks.holdBack(push.id(), culprit.id(), new Verdict.FailedTests(List.of("LoginTest"), "broke LoginTest"));

        assertThat(culprit.state()).isEqualTo(PickState.FAILED_TESTS);
        assertThat(culprit.toView().failedTests()).containsExactly("LoginTest");
        assertThat(repicks).containsExactly(List.of(ObjectId.fromString(sha(1)), ObjectId.fromString(sha(3))));
        assertThat(picks.landing(push.id())).containsExactly(a, c);
        assertThat(c.pickedCommit()).isEqualTo(commit(91).name());
        assertThat(push.headCommit()).isEqualTo(commit(91).name());
        assertThat(penalties).containsExactly("bob FAILED_TESTS");
        assertThat(events).filteredOn(PickFailedTests.class::isInstance).hasSize(1);
    }

    @Test
    void aPushThatDidNotShipHandsBackEveryPickStillInItWithTheReason() {
        PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
        PickEntity merged = confirmed(push, sha(1), "alice");
        PickEntity waiting = ledger.approvedPick(1, sha(2), "bob", NOW);
        picks.join(push.id(), waiting);
        PickEntity conflicted = confirmed(push, sha(3), "carol");
        picks.merged(push.id(), List.of(merged), batch(merged));
        picks.conflicted(push.id(), conflicted, List.of("c.txt"), "conflict");

        int handedBack = picks.handBack(push.id(), "the build exited with 1");

        assertThat(handedBack).isEqualTo(2);
        for (PickEntity pick : List.of(merged, waiting)) {
            assertThat(pick.state()).isEqualTo(PickState.APPROVED);
            assertThat(pick.pushId()).isNull();
            assertThat(pick.pickedCommit()).isNull();
            assertThat(pick.outcomeDetail()).contains("push " + push.id()).contains("the build exited with 1");
            assertThat(ledger.outcomes.get(push.id())).containsEntry(pick.id(), PickState.APPROVED);
        }
        assertThat(conflicted.state()).as("an end stays an end").isEqualTo(PickState.CONFLICT);
        assertThat(ledger.queued(1)).containsExactly(merged, waiting);
    }

    @Test
    void deferringAndShippingAreRecordedAsTheOutcomeOfThePush() {
        PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
        PickEntity shipped = confirmed(push, sha(1), "alice");
        PickEntity absent = ledger.approvedPick(1, sha(2), "bob", NOW);
        picks.join(push.id(), absent);

        picks.defer(push.id(), absent);
        picks.merged(push.id(), List.of(shipped), batch(shipped));
        assertThat(picks.nothingToShip(push.id())).isFalse();
        assertThat(picks.ship(push.id())).isEqualTo(1);

        assertThat(absent.state()).isEqualTo(PickState.DEFERRED);
        assertThat(absent.pushId()).isNull();
        assertThat(shipped.state()).isEqualTo(PickState.SHIPPED);
        assertThat(ledger.outcomes.get(push.id())).containsEntry(absent.id(), PickState.DEFERRED)
            .containsEntry(shipped.id(), PickState.SHIPPED);
        assertThat(events).filteredOn(PickDeferred.class::isInstance).hasSize(1);
        assertThat(picks.nothingToShip(push.id())).isTrue();
    }

    @Test
    void replayingHistoryMovesPicksAtThePastTimeAndTellsNobody() {
        PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
        PickEntity pick = confirmed(push, sha(1), "bob");

        picks.at(NOW.minusSeconds(86_400)).conflicted(push.id(), pick, List.of(), "conflicted long ago");

        assertThat(pick.state()).isEqualTo(PickState.CONFLICT);
        assertThat(events).isEmpty();
        assertThat(penalties).as("old news costs no karma").isEmpty();
    }

    private PickEntity confirmed(PushEntity push, String sha, String requester) {
        PickEntity pick = ledger.approvedPick(1, sha, requester, NOW);
        picks.join(push.id(), pick);
        pick.confirm(NOW);
        return pick;
    }

    private static BatchResult batch(PickEntity... merged) {
        List<PickOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < merged.length; i++) {
            outcomes.add(new PickOutcome(PickStatus.PICKED, ObjectId.fromString(merged[i].commitSha()), commit(10 + i),
                    List.of(), "ok"));
        }
        return new BatchResult(BASE, commit(10 + merged.length - 1), outcomes, null);
    }

    private static String sha(int n) {
        return String.format("%040x", n);
    }

    private static ObjectId commit(int n) {
        return ObjectId.fromString(String.format("%040x", 0xc0000 + n));
    }
}
