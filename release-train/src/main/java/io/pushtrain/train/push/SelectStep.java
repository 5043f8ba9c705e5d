package io.pushtrain.train.push;

import org.springframework.stereotype.Component;

/** Takes the approved picks of the train (and those deferred last time) into the push, in request order. */
@Component
class SelectStep implements PushStep {

    private final PushPicks picks;

    SelectStep(PushPicks picks) {
        this.picks = picks;
    }

    @Override
    public String name() {
        return "select";
    }

    @Override
    public StepResult run(PushRun push) {
        PushPicks.Taken taken = picks.take(push.id(), push.train());
        return StepResult.done(summary(taken.taken(), taken.refused()));
    }

    @Override
    public StepResult recorded(PastPushCounts push) {
        return StepResult.done(summary(push.taken(), push.refused()));
    }

    private static String summary(int taken, int refused) {
        String refusals = refused == 0 ? "" : "; refused " + refused + " for karma";
        return (taken == 0 ? "no approved picks" : "took " + taken + " approved pick" + (taken == 1 ? "" : "s"))
                + refusals;
    }
}
