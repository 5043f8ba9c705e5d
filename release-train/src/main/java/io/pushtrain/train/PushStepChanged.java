package io.pushtrain.train;

/** Published when a step of a push starts, reports progress, ends or fails. */
public record PushStepChanged(long push, String step, StepState state, int progress, String detail,
        int pushProgress) {
}
