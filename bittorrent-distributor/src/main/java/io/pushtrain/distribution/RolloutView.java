package io.pushtrain.distribution;

import java.time.Instant;
import java.util.List;

/**
 * A rollout and how far each tier is.
 *
 * @param currentTier the tier it waits for; null once it ended
 */
public record RolloutView(long id, String artifactId, RolloutState state, String currentTier, Instant startedAt,
        Instant updatedAt, Instant endedAt, List<TierProgress> tiers) {

    /**
     * One tier: its desired artifact now, how many hosts it has and how many run the rollout's artifact.
     *
     * @param reached whether the rollout has set this tier's desired build
     * @param skipped the LOST hosts (no report for {@code pushtrain.distribution.host-lost-after}) the tier
     *        did not wait for: once it converged, those it moved on without
     */
    public record TierProgress(String tier, String desiredArtifactId, boolean reached, long hosts, long running,
            List<RackProgress> racks, List<String> skipped) {
    }

    /** One rack of a tier. */
    public record RackProgress(String rack, long hosts, long running) {
    }
}
