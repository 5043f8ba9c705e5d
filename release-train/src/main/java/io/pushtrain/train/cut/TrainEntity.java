package io.pushtrain.train.cut;

import java.time.Instant;
import java.util.Optional;

import io.pushtrain.train.TrainState;
import io.pushtrain.train.TrainView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "train_train")
public class TrainEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String branch;

    private String cutCommit;

    private Instant cutAt;

    private String cutBy;

    @Enumerated(EnumType.STRING)
    private TrainState state;

    private String frozenReason;

    private String frozenBy;

    private Instant frozenAt;

    protected TrainEntity() {
    }

    public TrainEntity(String branch, String cutCommit, Instant cutAt, String cutBy) {
        this.branch = branch;
        this.cutCommit = cutCommit;
        this.cutAt = cutAt;
        this.cutBy = cutBy;
        this.state = TrainState.CUT;
    }

    public Long id() {
        return id;
    }

    public String branch() {
        return branch;
    }

    public String cutCommit() {
        return cutCommit;
    }

    public TrainState state() {
        return state;
    }

    public void close() {
        this.state = TrainState.CLOSED;
    }

    public void shipped() {
        if (state == TrainState.CUT) {
            this.state = TrainState.SHIPPED;
        }
    }

    /** No push (scheduled or manual) starts on a frozen train; an emergency push still may. */
    public void freeze(String reason, String by, Instant now) {
        this.frozenReason = reason;
        this.frozenBy = by;
        this.frozenAt = now;
    }

    public void unfreeze() {
        this.frozenReason = null;
        this.frozenBy = null;
        this.frozenAt = null;
    }

    public Optional<TrainView.Freeze> freeze() {
        return frozenAt == null ? Optional.empty() : Optional.of(new TrainView.Freeze(frozenReason, frozenBy, frozenAt));
    }

    public TrainView toView() {
        return new TrainView(id, branch, cutCommit, cutAt, cutBy, state, freeze().orElse(null));
    }
}
