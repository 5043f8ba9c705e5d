package io.pushtrain.train;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.pushtrain.karma.KarmaStanding;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What each state of a pick says when its requester asks why it is not going out, as a table. */
class PickBlockersTests {

    static final TrainView CURRENT = new TrainView(7, "release/2026-12-06", "abc", Instant.EPOCH, "re", TrainState.CUT,
            null);
    static final KarmaStanding FIVE = new KarmaStanding("eve", 5, false, "eve has 5 stars");
    static final Instant NEXT = Instant.parse("2026-12-09T19:00:00Z");

    @ParameterizedTest(name = "{0} in push {1}, push {2} running: {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            REQUESTED       | -  | -  | it waits for a release engineer to approve it
            APPROVED        | -  | -  | it waits for the next push; the next push starts at 2026-12-09T19:00:00Z; eve must confirm presence in IRC (!here) when it asks
            CONFIRMED       | -  | -  | it waits for the next push; the next push starts at 2026-12-09T19:00:00Z
            CONFIRMED       | -  | 12 | push 12 is running without it; the next push starts at 2026-12-09T19:00:00Z
            CONFIRMED       | 12 | 12 | -
            DEFERRED        | -  | -  | eve did not confirm presence for an earlier push; the next push starts at 2026-12-09T19:00:00Z; eve must confirm presence in IRC (!here) when it asks
            MERGED          | 12 | 12 | -
            TESTED          | 12 | 12 | -
            SHIPPED         | 12 | -  | -
            CONFLICT        | 12 | -  | it did not apply to the release branch (api/feed.py): it needs a backport, a resolved commit on top of the branch (!backport 3 <sha>)
            FAILED_TESTS    | 12 | -  | it broke FeedTest.paging: it will not ship; request a fixed commit
            PERF_REGRESSION | 12 | -  | it made the build slower (feed 12% slower): a release engineer may accept that with a reason
            REJECTED        | -  | -  | it was rejected by re: not for this train
            WITHDRAWN       | -  | -  | it was withdrawn
            """)
    void eachStateSaysWhatHoldsThePickBack(PickState state, Long push, Long running, String said) {
        assertThat(PickBlockers.blockedBy(pick(state, 7, push), Optional.of(CURRENT), Optional.ofNullable(running),
                FIVE, NEXT)).isEqualTo(said);
    }

    @Test
    void aRequesterAtTwoStarsIsToldWhyNoPushTakesThePick() {
        KarmaStanding two = new KarmaStanding("eve", 2, true, "eve has 2 stars: the train takes no picks from eve");

        assertThat(PickBlockers.blockedBy(pick(PickState.APPROVED, 7, null), Optional.of(CURRENT), Optional.empty(),
                two, NEXT)).isEqualTo(two.message());
    }

    @Test
    void aQueuedPickOfAFrozenTrainNamesTheFreeze() {
        TrainView frozen = new TrainView(7, "release/2026-12-06", "abc", Instant.EPOCH, "re", TrainState.CUT,
                new TrainView.Freeze("the payments outage", "rita", Instant.EPOCH));

        assertThat(PickBlockers.blockedBy(pick(PickState.CONFIRMED, 7, null), Optional.of(frozen), Optional.empty(),
                FIVE, NEXT)).isEqualTo("its train is frozen by rita (the payments outage): no push takes it until a"
                        + " release engineer unfreezes the train");
    }

    @Test
    void aPickOfAReplacedTrainIsToldToAskAgainOnTheCurrentOne() {
        assertThat(PickBlockers.blockedBy(pick(PickState.APPROVED, 6, null), Optional.of(CURRENT), Optional.empty(),
                FIVE, null)).isEqualTo("its train was replaced by train 7 (release/2026-12-06): request the pick again there");
    }

    @Test
    void withNoScheduleThePickWaitsForAPushByHand() {
        assertThat(PickBlockers.blockedBy(pick(PickState.CONFIRMED, 7, null), Optional.of(CURRENT), Optional.empty(),
                FIVE, null)).isEqualTo("it waits for the next push; no push is scheduled: a release engineer starts one");
    }

    @Test
    void theNextPushIsTheEarliestCronFireInTheTrainsZone() {
        TrainProperties.Schedule schedule = new TrainProperties.Schedule("0 0 18 ? * SUN", "0 0 11 ? * TUE",
                List.of("0 0 16 ? * WED-FRI", "0 0 11 ? * WED-FRI"), true);
        ZoneId pacific = ZoneId.of("America/Los_Angeles");

        assertThat(PickBlockers.nextPush(schedule, pacific, Instant.parse("2026-12-07T12:00:00Z")))
            .contains(Instant.parse("2026-12-09T19:00:00Z"));
        assertThat(PickBlockers.nextPush(schedule, pacific, Instant.parse("2026-12-09T20:00:00Z")))
            .as("after Wednesday's morning push, the afternoon one").contains(Instant.parse("2026-12-10T00:00:00Z"));
        assertThat(PickBlockers.nextPush(new TrainProperties.Schedule("0 0 18 ? * SUN", "0 0 11 ? * TUE",
                schedule.pushes(), false), pacific, Instant.parse("2026-12-07T12:00:00Z"))).isEmpty();
    }

    private static PickView pick(PickState state, long train, Long push) {
        return new PickView(3, train, "abc123", "Feed is paged", "customers see it", "eve", state, 1, 2, 0, "LOW", "",
                Instant.EPOCH, state == PickState.REJECTED ? "re" : null,
                state == PickState.REJECTED ? "not for this train" : null, push, null, List.of("api/feed.py"),
                state == PickState.PERF_REGRESSION ? "feed 12% slower" : null, List.of("FeedTest.paging"), null,
                state == PickState.CONFLICT, null, null);
    }
}
