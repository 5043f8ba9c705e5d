package io.pushtrain.distribution;

import java.time.Instant;
import java.util.List;

/**
 * A rollout and how far each tier is.
 *
 * @param currentTier the tier it waits for; null once it ended
 * @param reason why a tier's health gate paused or rolled it back by itself; null otherwise
 */
public record RolloutView(long id, String artifactId, RolloutState state, String currentTier, Instant startedAt,
        Instant updatedAt, Instant endedAt, List<TierProgress> tiers, String reason) {

    /**
     * One tier: its desired artifact now, how many hosts it has and how many run the rollout's artifact.
     *
     * @param reached whether the rollout has set this tier's desired build
     * @param skipped the LOST hosts (no report for {@code pushtrain.distribution.host-lost-after}) the tier
     *        did not wait for: once it converged, those it moved on without
     * @param convergedAt when every host of the tier ran the build (null: not yet)
     * @param bakeEndsAt when the tier's bake ({@code pushtrain.distribution.bake.<tier>}) ends and the next tier
     *        follows; null when the tier has no bake, has not converged, or is the last
     * @param bakeSecondsLeft while the rollout runs and bakes at this tier, the seconds left; 0 otherwise (also while paused)
     * @param unhealthy the hosts of the tier whose health check failed on the rollout's build
     */
    public record TierProgress(String tier, String desiredArtifactId, boolean reached, long hosts, long running,
            List<RackProgress> racks, List<String> skipped, Instant convergedAt, Instant bakeEndsAt,
            long bakeSecondsLeft, List<String> unhealthy) {

        /** Whether the rollout waits out this tier's bake now. */
        public boolean baking() {
            return bakeSecondsLeft > 0;
        }
    }

    /** One rack of a tier. */
    public record RackProgress(String rack, long hosts, long running) {
    }
}
