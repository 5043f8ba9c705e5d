package io.pushtrain.train.push;

import java.time.Instant;

import io.pushtrain.train.StepState;
import io.pushtrain.train.StepView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "train_push_step")
public class PushStepEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long pushId;

    private int position;

    private String name;

    @Enumerated(EnumType.STRING)
    private StepState state;

    private Instant startedAt;

    private Instant endedAt;

    private int progress;

    private String detail;

    private int attempts;

    private Instant retryAt;

    protected PushStepEntity() {
    }

    PushStepEntity(long pushId, int position, String name) {
        this.pushId = pushId;
        this.position = position;
        this.name = name;
        this.state = StepState.PENDING;
    }

    public String name() {
        return name;
    }

    public StepState state() {
        return state;
    }

    public int progress() {
        return progress;
    }

    public String detail() {
        return detail;
    }

    void start(Instant now) {
        if (state == StepState.PENDING) {
            this.state = StepState.RUNNING;
            this.startedAt = now;
        }
    }

    public int attempts() {
        return attempts;
    }

    public Instant retryAt() {
        return retryAt;
    }

    /** The step could not run for a reason that passes: it runs again at {@code at}. */
    void retryAt(int attempts, Instant at, String detail) {
        this.attempts = attempts;
        this.retryAt = at;
        this.detail = detail;
    }

    void report(int progress, String detail) {
        this.progress = Math.max(0, Math.min(100, progress));
        this.detail = detail;
    }

    void finish(StepState end, String detail, Instant now) {
        this.state = end;
        this.detail = detail;
        this.endedAt = now;
        if (end == StepState.DONE || end == StepState.SKIPPED) {
            this.progress = 100;
        }
    }

    StepView toView() {
        return new StepView(name, state, startedAt, endedAt, progress, detail);
    }
}
