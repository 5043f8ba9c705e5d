package io.pushtrain.distribution;

/**
 * Published when a tier's gate stopped a rollout by itself: too many of the tier's hosts report
 * unhealthy. {@code state} is PAUSED or ROLLED_BACK ({@code pushtrain.distribution.unhealthy.action}).
 *
 * @param push the push whose build it is, from the artifact's origin (null for a build published by hand)
 * @param reason the sentence the push page, the REST answer and IRC show
 */
public record RolloutHalted(long rollout, String artifactId, String push, String tier, RolloutState state,
        String reason) {
}
