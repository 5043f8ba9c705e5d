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

    private String reason;

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

    /** Why a gate stopped the rollout by itself; null when it did not (or was resumed since). */
    public String reason() {
        return reason;
    }

    /** A gate stops the rollout: {@link #moveTo} and say why. */
    public void halt(RolloutState next, String reason, Instant at) {
        moveTo(next, at);
        this.reason = reason;
    }

    /** Moves to {@code next}; the caller checked {@link RolloutState#canMoveTo}. Running again forgets the reason. */
    public void moveTo(RolloutState next, Instant at) {
        if (next == RolloutState.RUNNING) {
            this.reason = null;
        }
        this.state = next;
        this.updatedAt = at;
        if (next == RolloutState.DONE || next == RolloutState.ROLLED_BACK) {
            this.endedAt = at;
        }
    }

    /** Something happened that is not a move: the bake of the tier started. */
    public void touch(Instant at) {
        this.updatedAt = at;
    }

    public void nextTier(Instant at) {
        this.tierIndex++;
        this.updatedAt = at;
    }
}
