package io.pushtrain.train;

import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.TimeZone;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.train.push.PushEntity;
import io.pushtrain.train.push.PushLauncher;

import org.quartz.CronExpression;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Why isn't my pick going out?": one sentence for what holds a pick back, and when the next
 * scheduled push that would take it starts. The dashboard's queue, {@code GET /api/picks/{id}}
 * and IRC's {@code !status} all say what this says.
 */
@Service
public class PickBlockers {

    private final Trains trains;
    private final PushLauncher pushes;
    private final Karma karma;
    private final TrainProperties properties;
    private final Clock clock;

    PickBlockers(Trains trains, PushLauncher pushes, Karma karma, TrainProperties properties, Optional<Clock> clock) {
        this.trains = trains;
        this.pushes = pushes;
        this.karma = karma;
        this.properties = properties;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Why the pick is not on its way to the hosts (null when nothing holds it back) and when the
     * next scheduled push that would take it starts (null unless it is queued on the current train).
     */
    public record Answer(String blockedBy, Instant nextPush) {
    }

    @Transactional(readOnly = true)
    public Answer of(PickView pick) {
        Optional<TrainView> current = trains.current();
        Optional<Long> running = pushes.running().map(PushEntity::id);
        KarmaStanding standing = karma.standing(pick.requester());
        Instant next = pick.state().isQueued() && current.map(t -> t.id() == pick.train()).orElse(false)
                ? nextPush().orElse(null) : null;
        return new Answer(blockedBy(pick, current, running, standing, next), next);
    }

    /** The sentence alone, from what is known now: pure, so every state is tested as a table. */
    static String blockedBy(PickView pick, Optional<TrainView> current, Optional<Long> running,
            KarmaStanding standing, Instant nextPush) {
        if (pick.state() == PickState.SHIPPED) {
            return null; // nothing holds it back any more
        }
        if (pick.state().isOpen() && current.isPresent() && current.get().id() != pick.train()) {
            return "its train was replaced by train " + current.get().id() + " (" + current.get().branch()
                    + "): request the pick again there";
        }
        return switch (pick.state()) {
            case REQUESTED -> "it waits for a release engineer to approve it";
            case APPROVED, CONFIRMED, DEFERRED -> queued(pick, current, running, standing, nextPush);
            case MERGED, TESTED -> null;
            case CONFLICT -> "it did not apply to the release branch (" + String.join(", ", pick.conflictingPaths())
                    + "): it needs a backport, a resolved commit on top of the branch (!backport " + pick.id()
                    + " <sha>)";
            case FAILED_TESTS -> "it broke " + String.join(", ", pick.failedTests())
                    + ": it will not ship; request a fixed commit";
            case PERF_REGRESSION -> "it made the build slower (" + pick.detail()
                    + "): a release engineer may accept that with a reason";
            case REJECTED -> "it was rejected by " + pick.decidedBy()
                    + (pick.decisionReason() == null ? "" : ": " + pick.decisionReason());
            case WITHDRAWN -> "it was withdrawn";
            case REFUSED_KARMA -> "it was refused: " + Objects.requireNonNullElse(pick.detail(), standing.message());
            case SHIPPED -> null;
        };
    }

    private static String queued(PickView pick, Optional<TrainView> current, Optional<Long> running,
            KarmaStanding standing, Instant nextPush) {
        if (running.isPresent() && running.get().equals(pick.push())) {
            return null; // the running push holds it: on its way
        }
        if (standing.refused()) {
            return standing.message();
        }
        TrainView.Freeze freeze = current.map(TrainView::freeze).orElse(null);
        if (freeze != null) {
            return "its train is frozen by " + freeze.by() + " (" + freeze.reason()
                    + "): no push takes it until a release engineer unfreezes the train";
        }
        String when = nextPush == null ? "no push is scheduled: a release engineer starts one"
                : "the next push starts at " + nextPush;
        String presence = pick.state() == PickState.CONFIRMED ? ""
                : "; " + pick.requester() + " must confirm presence in IRC (!here) when it asks";
        if (running.isPresent()) {
            return "push " + running.get() + " is running without it; " + when + presence;
        }
        if (pick.state() == PickState.DEFERRED) {
            return pick.requester() + " did not confirm presence for an earlier push; " + when + presence;
        }
        return "it waits for the next push; " + when + presence;
    }

    Optional<Instant> nextPush() {
        return nextPush(properties.schedule(), properties.zone(), clock.instant());
    }

    /** The earliest fire time of the pick pushes' crons after {@code now}, in the train's zone; none while schedules are off. */
    static Optional<Instant> nextPush(TrainProperties.Schedule schedule, ZoneId zone, Instant now) {
        if (!schedule.enabled()) {
            return Optional.empty();
        }
        return schedule.pushes().stream().map(cron -> nextFire(cron, zone, Date.from(now))).flatMap(Optional::stream)
            .min(Instant::compareTo);
    }

    private static Optional<Instant> nextFire(String cron, ZoneId zone, Date after) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(zone));
            return Optional.ofNullable(expression.getNextValidTimeAfter(after)).map(Date::toInstant);
        }
        catch (ParseException ex) {
            throw new IllegalStateException("pushtrain.schedule.pushes has a cron Quartz cannot read: " + cron, ex);
        }
    }
}
