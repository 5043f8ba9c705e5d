package io.pushtrain.train.push;

import java.time.Instant;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "train_push")
public class PushEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long trainId;

    @Enumerated(EnumType.STRING)
    private PushKind kind;

    @Enumerated(EnumType.STRING)
    private PushState state;

    private String requestedBy;

    private Instant createdAt;

    private Instant endedAt;

    private String baseCommit;

    private String headCommit;

    private Instant presenceDeadline;

    private String artifactPath;

    private String artifactSha256;

    private Long artifactSize;

    private String detail;

    private String owner;

    private String emergencyReason;

    private Instant leaseUntil;

    // Not @Version: the engine's lease UPDATE and the steps write the row in separate
    // transactions by design; the lease is what keeps two nodes apart.
    private long version;

    protected PushEntity() {
    }

    public PushEntity(long trainId, PushKind kind, String requestedBy, Instant now) {
        this.trainId = trainId;
        this.kind = kind;
        this.requestedBy = requestedBy;
        this.createdAt = now;
        this.state = PushState.RUNNING;
    }

    public Long id() {
        return id;
    }

    public long trainId() {
        return trainId;
    }

    public PushKind kind() {
        return kind;
    }

    public PushState state() {
        return state;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public String baseCommit() {
        return baseCommit;
    }

    public String headCommit() {
        return headCommit;
    }

    public Instant presenceDeadline() {
        return presenceDeadline;
    }

    public String artifactPath() {
        return artifactPath;
    }

    public String artifactSha256() {
        return artifactSha256;
    }

    public Long artifactSize() {
        return artifactSize;
    }

    public String detail() {
        return detail;
    }

    /** Why the release engineer pushed these picks now; null for a push that is not an emergency. */
    public String emergencyReason() {
        return emergencyReason;
    }

    public void emergency(String reason) {
        this.emergencyReason = reason;
    }

    public void presenceDeadline(Instant deadline) {
        this.presenceDeadline = deadline;
    }

    /** Records where the merge will move the branch, before it moves it. */
    /** The node that holds the push's lease, if one does. */
    public String owner() {
        return owner;
    }

    public void mergeIntent(String base, String head) {
        this.baseCommit = base;
        this.headCommit = head;
    }

    public void artifact(String path, String sha256, long size) {
        this.artifactPath = path;
        this.artifactSha256 = sha256;
        this.artifactSize = size;
    }

    public void end(PushState end, String why, Instant now) {
        this.state = end;
        this.detail = why;
        this.endedAt = now;
    }
}
