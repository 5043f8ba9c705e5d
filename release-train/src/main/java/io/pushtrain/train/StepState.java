package io.pushtrain.train;

/** Where one step of a push is. */
public enum StepState {
    PENDING, RUNNING, DONE, SKIPPED, FAILED;

    public boolean isFinished() {
        return this == DONE || this == SKIPPED || this == FAILED;
    }
}
