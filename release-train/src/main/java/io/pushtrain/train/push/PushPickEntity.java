package io.pushtrain.train.push;

import java.io.Serializable;

import io.pushtrain.train.PickState;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A pick a push took, in merge order, and its outcome in that push. */
@Entity
@Table(name = "train_push_pick")
@IdClass(PushPickEntity.Key.class)
public class PushPickEntity {

    @Id
    private Long pushId;

    @Id
    private Long pickId;

    private int position;

    @Enumerated(EnumType.STRING)
    private PickState outcome;

    protected PushPickEntity() {
    }

    PushPickEntity(long pushId, long pickId, int position) {
        this.pushId = pushId;
        this.pickId = pickId;
        this.position = position;
    }

    public long pickId() {
        return pickId;
    }

    public int position() {
        return position;
    }

    public PickState outcome() {
        return outcome;
    }

    void outcome(PickState outcome) {
        this.outcome = outcome;
    }

    /** The composite key. */
    public record Key(Long pushId, Long pickId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
