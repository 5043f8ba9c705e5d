package io.pushtrain.server.demo;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import io.pushtrain.train.PastPick;
import io.pushtrain.train.PastPush;
import io.pushtrain.train.PastTrain;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushHistory;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.Trains;
import io.pushtrain.train.TrunkCommit;

import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The demo's last four weeks, as a team moving to pushtrain would import them: a train cut every
 * Sunday at 18:00, its release push on Tuesday at 11:00, pick pushes Wednesday to Friday at 11:00 and
 * 16:00, with 5 to 40 picks each, mostly shipped, some deferred, a few conflicts and failed tests.
 * The same trunk and day give the same history.
 */
@Component
@Conditional(DemoModeCondition.class)
class DemoHistory {

    static final int WEEKS = 4;

    /** With the week's date, the seed of everything random in it. */
    private static final long SEED = 20261125L;

    /** How many trunk commits back from the head the current train is cut, and each week before it. */
    static final int CURRENT_CUT = 80;
    private static final int COMMITS_A_WEEK = 50;

    private static final String REASONS = "users cannot log in|crash on the feed for 2% of users"
            + "|the photo upload times out|a typo on the checkout page|the launch is on Thursday"
            + "|ads are counted twice|memory leak in the image resizer|the new composer ships dark"
            + "|search returns nothing for accented names|the Android share sheet crashes";

    private final PushHistory history;
    private final Trains trains;
    private final ZoneId zone;
    private final Clock clock;

    DemoHistory(PushHistory history, Trains trains, TrainProperties properties, Optional<Clock> clock) {
        this.history = history;
        this.trains = trains;
        this.zone = properties.zone();
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Records the weeks not recorded yet; answers how many pushes it recorded. */
    int record(List<TrunkCommit> newestFirst) {
        Instant now = clock.instant();
        LocalDate lastSunday = LocalDate.ofInstant(now, zone).minusDays(1)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
        List<String> recorded = trains.all().stream().map(t -> t.branch()).toList();
        int pushes = 0;
        for (int week = WEEKS; week >= 1; week--) {
            LocalDate sunday = lastSunday.minusWeeks(week - 1L);
            String branch = "release/" + sunday;
            int cutIndex = Math.min(CURRENT_CUT + COMMITS_A_WEEK * week, newestFirst.size() - 1);
            if (recorded.contains(branch) || cutIndex <= 0) {
                continue;
            }
            PastTrain train = week(branch, sunday, newestFirst.get(cutIndex).commit(),
                    newestFirst.subList(0, cutIndex), new Random(SEED + sunday.toEpochDay()), now);
            history.record(train);
            pushes += train.pushes().size();
        }
        return pushes;
    }

    /** The week's pushes that ended before now; the week in progress has only some. */
    private PastTrain week(String branch, LocalDate sunday, String cutCommit, List<TrunkCommit> newer, Random random,
            Instant now) {
        Instant cut = at(sunday, 18, 0);
        List<PastPush> pushes = new ArrayList<>();
        PastPush release = new PastPush(PushKind.RELEASE, "schedule", at(sunday.plusDays(2), 11, 0),
                at(sunday.plusDays(2), 11, 20 + random.nextInt(16)), PushState.DONE, null, List.of());
        if (release.endedAt().isAfter(now)) {
            return new PastTrain(branch, cutCommit, cut, "schedule", pushes);
        }
        pushes.add(release);
        Deque<TrunkCommit> unpicked = new ArrayDeque<>(shuffled(newer, random));
        List<PastPick> deferred = new ArrayList<>();
        for (int day = 3; day <= 5; day++) {
            for (int hour : new int[] { 11, 16 }) {
                PastPush push = picks(at(sunday.plusDays(day), hour, random.nextInt(4)), cut, unpicked, deferred, random);
                if (push.endedAt().isAfter(now)) {
                    return new PastTrain(branch, cutCommit, cut, "schedule", pushes);
                }
                pushes.add(push);
            }
        }
        return new PastTrain(branch, cutCommit, cut, "schedule", pushes);
    }

    /** One pick push: the picks deferred last time come again, then new requests. */
    private PastPush picks(Instant start, Instant cut, Deque<TrunkCommit> unpicked, List<PastPick> deferred,
            Random random) {
        boolean fails = random.nextInt(12) == 0;
        List<PastPick> picks = new ArrayList<>();
        for (PastPick again : deferred) {
            picks.add(new PastPick(again.requester(), again.commit(), again.reason(),
                    outcome(random.nextInt(10) == 0 ? PickState.DEFERRED : PickState.SHIPPED, fails)));
        }
        int wanted = 5 + (int) (35 * random.nextDouble() * random.nextDouble());
        String[] reasons = REASONS.split("\\|");
        while (picks.size() < wanted && !unpicked.isEmpty()) {
            TrunkCommit commit = unpicked.pop();
            Instant requested = start.minus(Duration.ofMinutes(30 + random.nextInt(20 * 60)));
            picks.add(new PastPick(DemoSeed.DEVELOPERS.get(random.nextInt(DemoSeed.DEVELOPERS.size())), commit.commit(),
                    reasons[random.nextInt(reasons.length)], outcome(newOutcome(random), fails),
                    requested.isBefore(cut) ? cut.plus(Duration.ofMinutes(30)) : requested));
        }
        deferred.clear();
        picks.stream().filter(p -> p.outcome() == PickState.DEFERRED).forEach(deferred::add);
        Instant end = start.plus(Duration.ofMinutes(20 + picks.size() * 6 / 5 + random.nextInt(15)));
        return new PastPush(PushKind.PICKS, "schedule", start, end, fails ? PushState.FAILED : PushState.DONE,
                fails ? "the build host ran out of disk space" : null, picks);
    }

    /** Mostly shipped, some deferred, a few conflicts and failed tests. */
    private static PickState newOutcome(Random random) {
        int roll = random.nextInt(100);
        if (roll < 78) {
            return PickState.SHIPPED;
        }
        if (roll < 90) {
            return PickState.DEFERRED;
        }
        return roll < 96 ? PickState.CONFLICT : PickState.FAILED_TESTS;
    }

    /** A failed push shipped nothing: what it merged stays merged. */
    private static PickState outcome(PickState wanted, boolean pushFails) {
        return pushFails && wanted == PickState.SHIPPED ? PickState.MERGED : wanted;
    }

    private static List<TrunkCommit> shuffled(List<TrunkCommit> commits, Random random) {
        List<TrunkCommit> copy = new ArrayList<>(commits);
        Collections.shuffle(copy, random);
        return copy;
    }

    private Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, 0)).plusMinutes(minute).atZone(zone).toInstant();
    }
}
