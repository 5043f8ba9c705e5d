package io.pushtrain.train.push;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PushFinished;
import io.pushtrain.train.PushState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Ends a push: its state, what becomes of picks still in it, and the event with the counts. */
@Component
class PushEnding {

    private static final Logger log = LoggerFactory.getLogger(PushEnding.class);

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PushEnding(PushRepository pushes, PushStepRepository steps, PushPickRepository pushPicks, PickRepository picks,
            ApplicationEventPublisher events, Optional<Clock> clock) {
        this.pushes = pushes;
        this.steps = steps;
        this.pushPicks = pushPicks;
        this.picks = picks;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    void end(long pushId, PushState end, String why) {
        PushEntity push = pushes.findById(pushId).orElseThrow();
        push.end(end, why, clock.instant());
        steps.findByPushIdOrderByPositionAsc(pushId).stream().filter(s -> !s.state().isFinished())
            .forEach(s -> s.finish(StepState.SKIPPED, "push " + end.name().toLowerCase(), clock.instant()));
        List<PickEntity> taken = picks.findByPushIdOrderByIdAsc(pushId);
        if (end == PushState.FAILED) {
            releaseQueued(taken);
        }
        PushFinished finished = counts(pushId, end, why);
        log.info("Push {} {}: {} shipped, {} deferred, {} conflicted, {} failed", pushId, end, finished.shipped(),
                finished.deferred(), finished.conflicted(), finished.failed());
        events.publishEvent(finished);
    }

    /** A failed push gives its not yet merged picks back to the queue for the next push. */
    private void releaseQueued(List<PickEntity> taken) {
        taken.stream().filter(p -> p.state().isQueued()).forEach(PickEntity::leavePush);
    }

    private PushFinished counts(long pushId, PushState end, String why) {
        int shipped = 0;
        int deferred = 0;
        int conflicted = 0;
        int failed = 0;
        for (PushPickEntity pushPick : pushPicks.findByPushIdOrderByPositionAsc(pushId)) {
            PickState outcome = pushPick.outcome();
            if (outcome == null) {
                continue;
            }
            switch (outcome) {
                case SHIPPED -> shipped++;
                case DEFERRED -> deferred++;
                case CONFLICT -> conflicted++;
                case FAILED_TESTS, PERF_REGRESSION, REFUSED_KARMA -> failed++;
                default -> { }
            }
        }
        return new PushFinished(pushId, end, shipped, deferred, conflicted, failed, why);
    }
}
