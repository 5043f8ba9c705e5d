package io.pushtrain.train.push;

import java.util.Objects;

import io.pushtrain.train.PushStepChanged;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lets a long step (tests, Perflab) show how far it is while it still runs: the step's row gets
 * the progress and everyone listening hears it, as they hear a step start or end.
 */
@Component
public class StepReporter {

    private final PushStepRepository steps;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    StepReporter(PushStepRepository steps, ApplicationEventPublisher events, TransactionTemplate tx) {
        this.steps = steps;
        this.events = events;
        this.tx = tx;
    }

    /** Records {@code progress} (0–100) and a sentence on a running step; a finished step is left alone. */
    public void report(long pushId, String step, int progress, String detail) {
        tx.executeWithoutResult(status -> {
            var all = steps.findByPushIdOrderByPositionAsc(pushId);
            all.stream().filter(s -> s.name().equals(step) && !s.state().isFinished()).findFirst().ifPresent(row -> {
                int bounded = Math.max(0, Math.min(99, progress));
                if (row.progress() != bounded || !Objects.equals(row.detail(), detail)) {
                    row.report(bounded, detail);
                    events.publishEvent(new PushStepChanged(pushId, step, row.state(), bounded, detail,
                            Progress.of(all)));
                }
            });
        });
    }
}
