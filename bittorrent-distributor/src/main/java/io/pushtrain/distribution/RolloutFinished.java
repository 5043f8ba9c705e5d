package io.pushtrain.distribution;

/** Published when a rollout ends, {@link RolloutState#DONE} or {@link RolloutState#ROLLED_BACK}. */
public record RolloutFinished(long rolloutId, String artifactId, RolloutState state) {
}
