package io.pushtrain.distribution.rollout;

import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One tier of a rollout, with what it ran before (for a rollback). */
@Entity
@Table(name = "distribution_rollout_tier")
@IdClass(RolloutTierEntity.Key.class)
public class RolloutTierEntity {

    @Id
    private long rolloutId;

    @Id
    private int position;

    private String tier;

    private String previousArtifactId;

    private Instant reachedAt;

    private Instant convergedAt;

    private String skippedHosts;

    protected RolloutTierEntity() {
    }

    public RolloutTierEntity(long rolloutId, int position, String tier, String previousArtifactId) {
        this.rolloutId = rolloutId;
        this.position = position;
        this.tier = tier;
        this.previousArtifactId = previousArtifactId;
    }

    public String tier() {
        return tier;
    }

    public int position() {
        return position;
    }

    public String previousArtifactId() {
        return previousArtifactId;
    }

    public boolean reached() {
        return reachedAt != null;
    }

    public void reach(Instant at) {
        if (reachedAt == null) {
            reachedAt = at;
        }
    }

    /** When every host of the tier ran the build: its bake starts then. */
    public Instant convergedAt() {
        return convergedAt;
    }

    public boolean converged() {
        return convergedAt != null;
    }

    /** The tier is done; {@code skipped} names the LOST hosts it did not wait for. */
    public void converge(Instant at, List<String> skipped) {
        if (convergedAt == null) {
            convergedAt = at;
            skippedHosts = skipped.isEmpty() ? null : String.join(",", skipped);
        }
    }

    /** The hosts the tier moved on without, once it converged. */
    public List<String> skipped() {
        return skippedHosts == null ? List.of() : Arrays.asList(skippedHosts.split(","));
    }

    /** The composite key. */
    public static class Key implements Serializable {

        private long rolloutId;

        private int position;

        public Key() {
        }

        public Key(long rolloutId, int position) {
            this.rolloutId = rolloutId;
            this.position = position;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.rolloutId == rolloutId && key.position == position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(rolloutId, position);
        }
    }
}
