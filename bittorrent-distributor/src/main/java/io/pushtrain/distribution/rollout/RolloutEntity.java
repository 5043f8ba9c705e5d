package io.pushtrain.distribution.rollout;

import java.time.Instant;

import io.pushtrain.distribution.RolloutState;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A rollout of one artifact through the tiers; {@code tierIndex} is the tier it waits for. */
@Entity
@Table(name = "distribution_rollout")
public class RolloutEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String artifactId;

    @Enumerated(EnumType.STRING)
    private RolloutState state;

    private int tierIndex;

    private Instant startedAt;

    private Instant updatedAt;

    private Instant endedAt;

    protected RolloutEntity() {
    }

    public RolloutEntity(String artifactId, Instant at) {
        this.artifactId = artifactId;
        this.state = RolloutState.RUNNING;
        this.startedAt = at;
        this.updatedAt = at;
    }

    public long id() {
        return id;
    }

    public String artifactId() {
        return artifactId;
    }

    public RolloutState state() {
        return state;
    }

    public int tierIndex() {
        return tierIndex;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    /** Moves to {@code next}; the caller checked {@link RolloutState#canMoveTo}. */
    public void moveTo(RolloutState next, Instant at) {
        this.state = next;
        this.updatedAt = at;
        if (next == RolloutState.DONE || next == RolloutState.ROLLED_BACK) {
            this.endedAt = at;
        }
    }

    public void nextTier(Instant at) {
        this.tierIndex++;
        this.updatedAt = at;
    }
}
