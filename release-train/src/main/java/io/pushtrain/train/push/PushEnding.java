package io.pushtrain.train.push;

import java.time.Clock;
import java.util.Optional;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PushFinished;
import io.pushtrain.train.PushState;
import io.pushtrain.train.StepState;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Ends a push: its state, its steps not reached, the picks a push that did not ship hands back
 * to the queue, and the event with the counts. Runs in the caller's transaction.
 */
@Component
class PushEnding {

    private static final Logger log = LoggerFactory.getLogger(PushEnding.class);

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PushPickRepository pushPicks;
    private final PushPicks picks;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PushEnding(PushRepository pushes, PushStepRepository steps, PushPickRepository pushPicks, PushPicks picks,
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
        String notReached = end == PushState.DONE ? "not needed: " + why : "push " + end.name().toLowerCase();
        steps.findByPushIdOrderByPositionAsc(pushId).stream().filter(s -> !s.state().isFinished())
            .forEach(s -> s.finish(StepState.SKIPPED, notReached, clock.instant()));
        if (end.handsPicksBack()) {
            int handedBack = picks.handBack(pushId, why);
            if (handedBack > 0) {
                log.info("Push {} {}: {} pick{} back in the queue for the next push", pushId,
                        end.name().toLowerCase(), handedBack, handedBack == 1 ? " is" : "s are");
            }
        }
        PushFinished finished = counts(pushId, end, why);
        log.info("Push {} {}: {} shipped, {} deferred, {} conflicted, {} failed", pushId, end, finished.shipped(),
                finished.deferred(), finished.conflicted(), finished.failed());
        events.publishEvent(finished);
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
