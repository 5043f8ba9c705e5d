package io.pushtrain.distribution.host;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The build every host of a tier should run. */
@Entity
@Table(name = "distribution_tier_desired")
public class TierDesiredEntity {

    @Id
    private String tier;

    private String artifactId;

    private Instant updatedAt;

    protected TierDesiredEntity() {
    }

    public TierDesiredEntity(String tier, String artifactId, Instant at) {
        this.tier = tier;
        this.artifactId = artifactId;
        this.updatedAt = at;
    }

    public String tier() {
        return tier;
    }

    public String artifactId() {
        return artifactId;
    }

    public void desire(String artifactId, Instant at) {
        this.artifactId = artifactId;
        this.updatedAt = at;
    }
}
