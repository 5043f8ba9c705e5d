package io.pushtrain.train.push;

import io.pushtrain.train.StepState;

/**
 * What a step says after one run: finished (done, skipped, failed), or still waiting, with its
 * progress 0–100 and a sentence for the release engineer.
 */
public record StepResult(StepState state, int progress, String detail) {

    public static StepResult done(String detail) {
        return new StepResult(StepState.DONE, 100, detail);
    }

    public static StepResult skipped(String detail) {
        return new StepResult(StepState.SKIPPED, 100, detail);
    }

    public static StepResult failed(String detail) {
        return new StepResult(StepState.FAILED, 0, detail);
    }

    /** Not finished: the engine comes back on its next tick. */
    public static StepResult waiting(int progress, String detail) {
        return new StepResult(StepState.RUNNING, progress, detail);
    }
}
