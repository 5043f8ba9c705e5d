package io.pushtrain.train;

/** Published when a new release branch was cut and {@code latest} moved to it. */
public record TrainCut(TrainView train) {
}
