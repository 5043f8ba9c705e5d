package io.pushtrain.train.push;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PresenceRequested;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps that only move picks, against an in-memory ledger and a clock the test turns. */
class PushStepsTests {

    static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");

    final InMemoryPushLedger ledger = new InMemoryPushLedger();
    final List<Object> events = new ArrayList<>();
    final MovableClock clock = new MovableClock(NOW);
    final RequesterKarma karma = new GitPushFixture.FiveStars();
    final PushPicks picks = new PushPicks(ledger, (base, batch, at) -> {
        throw new AssertionError("no git here");
    }, karma, events::add, clock, true);
    final PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
    final PushRun run = new PushRun(push.id(), 1, "release/2026-11-29", PushKind.PICKS);

    @Test
    void selectTakesTheApprovedPicksAndSaysHowMany() {
        ledger.approvedPick(1, sha(1), "alice", NOW);
        ledger.approvedPick(1, sha(2), "bob", NOW);

        StepResult result = new SelectStep(picks).run(run);

        assertThat(result).isEqualTo(StepResult.done("took 2 approved picks"));
        assertThat(picks.inPush(push.id())).hasSize(2);
    }

    @Test
    void presenceAsksOnceWaitsForTheAbsentAndDefersThemAtTheDeadline() {
        PickEntity here = ledger.approvedPick(1, sha(1), "alice", NOW);
        PickEntity away = ledger.approvedPick(1, sha(2), "bob", NOW);
        picks.take(push.id(), 1);
        here.confirm(NOW);
        PresenceStep presence = new PresenceStep(ledger, picks, properties(Duration.ofMinutes(30)), events::add,
                Optional.of(clock));

        StepResult waiting = presence.run(run);
        presence.run(run);
        clock.now = NOW.plus(Duration.ofMinutes(31));
        StepResult done = presence.run(run);

        assertThat(waiting.state()).isEqualTo(StepState.RUNNING);
        assertThat(waiting.progress()).isEqualTo(50);
        assertThat(waiting.detail()).isEqualTo("waiting for bob until 11:30");
        assertThat(events).filteredOn(PresenceRequested.class::isInstance).hasSize(1);
        assertThat(done).isEqualTo(StepResult.done("1 confirmed, 1 deferred to the next push (bob did not show up)"));
        assertThat(away.state()).isEqualTo(PickState.DEFERRED);
        assertThat(picks.inPush(push.id())).containsExactly(here);
    }

    @Test
    void doneShipsTheLandedPicksOnly() {
        PickEntity landed = ledger.approvedPick(1, sha(1), "alice", NOW);
        picks.take(push.id(), 1);
        landed.confirm(NOW);
        landed.merged(sha(9), "picked", NOW);

        assertThat(new DoneStep(picks).run(run)).isEqualTo(StepResult.done("1 pick shipped"));
        assertThat(landed.state()).isEqualTo(PickState.SHIPPED);
    }

    @Test
    void stepsSayOfAPastPushWhatTheyWouldHaveSaid() {
        PastPushCounts past = new PastPushCounts("release/2026-11-29", 3, 1, 1, 1, 1,
                java.util.Set.of("alice", "carol"), java.util.Set.of("bob"));

        assertThat(new SelectStep(picks).recorded(past).detail()).isEqualTo("took 3 approved picks; refused 1 for karma");
        assertThat(new PresenceStep(ledger, picks, properties(Duration.ofMinutes(30)), events::add, Optional.of(clock))
            .recorded(past).detail()).isEqualTo("2 confirmed, 1 deferred to the next push (bob did not show up)");
        assertThat(new DoneStep(picks).recorded(past).detail()).isEqualTo("1 pick shipped");
    }

    @Test
    void aPushOfPicksEndsBeforeItsBuildWhenNothingIsLeftToShipAndTheWeeklyReleaseNeverDoes() {
        assertThat(PushPlan.PICKS.steps()).containsSubsequence("merge", "test", "perf", "build", "land", "distribute");
        assertThat(PushPlan.PICKS.endsHereWithNothingToShip("perf")).isTrue();
        assertThat(PushPlan.PICKS.endsHereWithNothingToShip("build")).isFalse();
        assertThat(PushPlan.PICKS.endsHereWithNothingToShip("land")).isFalse();
        assertThat(PushPlan.RELEASE.steps()).containsExactly("build", "distribute", "ship");
        assertThat(PushPlan.RELEASE.steps()).allMatch(step -> !PushPlan.RELEASE.endsHereWithNothingToShip(step));
    }

    private static TrainProperties properties(Duration presence) {
        return new TrainProperties(Path.of("build"), ZoneId.of("UTC"), false,
                new TrainProperties.Trunk(null, "main", Duration.ofMinutes(5)),
                new TrainProperties.Schedule("0 0 18 ? * SUN", "0 0 11 ? * TUE", List.of(), false),
                new TrainProperties.Push(presence, Duration.ofSeconds(30), 6, Duration.ofSeconds(10),
                        Duration.ofMinutes(5)),
                new TrainProperties.Build(null, Duration.ofMinutes(30)),
                new TrainProperties.Test(List.of(), "**/TEST-*.xml", 1, Duration.ofMinutes(30), Duration.ofSeconds(60)),
                new TrainProperties.Perf(null, null, "3%", 8, 30, Duration.ofMinutes(10), Duration.ZERO));
    }

    private static String sha(int n) {
        return String.format("%040x", n);
    }

    static final class MovableClock extends Clock {
        Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
