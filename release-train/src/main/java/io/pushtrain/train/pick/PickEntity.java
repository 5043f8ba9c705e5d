package io.pushtrain.train.pick;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.TrainException;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "train_pick")
public class PickEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long trainId;

    private String commitSha;

    private String subject;

    private Integer mainline;

    private String reason;

    private String requester;

    @Enumerated(EnumType.STRING)
    private PickState state;

    private int filesChanged;

    private int linesChanged;

    private int discussion;

    private String risk;

    private String riskReason;

    private Instant requestedAt;

    private String decidedBy;

    private Instant decidedAt;

    private String decisionReason;

    private Instant confirmedAt;

    private Long pushId;

    private String pickedCommit;

    private String conflictingPaths;

    private String outcomeDetail;

    private String failedTests;

    private String perfOverrideBy;

    private String perfOverrideReason;

    private Instant perfOverrideAt;

    private String backportCommit;

    private String backportBy;

    private Instant backportAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected PickEntity() {
    }

    public PickEntity(long trainId, String commitSha, String subject, Integer mainline, String reason,
            String requester, int filesChanged, int linesChanged, Instant now) {
        this.trainId = trainId;
        this.commitSha = commitSha;
        this.subject = subject;
        this.mainline = mainline;
        this.reason = reason;
        this.requester = requester;
        this.filesChanged = filesChanged;
        this.linesChanged = linesChanged;
        this.risk = "LOW";
        this.state = PickState.REQUESTED;
        this.requestedAt = now;
        this.updatedAt = now;
    }

    /** Moves the pick, or refuses with the reason a person can act on. */
    public void moveTo(PickState next, Instant now) {
        if (!state.canMoveTo(next)) {
            throw new TrainException.Refused("pick " + id + " is " + state + " and cannot become " + next);
        }
        this.state = next;
        this.updatedAt = now;
    }

    public void decide(PickState next, String by, String why, Instant now) {
        moveTo(next, now);
        this.decidedBy = by;
        this.decisionReason = why;
        this.decidedAt = now;
    }

    public void confirm(Instant now) {
        moveTo(PickState.CONFIRMED, now);
        this.confirmedAt = now;
    }

    /** The requester's karma is too low: the train takes no picks from them for now. */
    public void refuseForKarma(String message, Instant now) {
        moveTo(PickState.REFUSED_KARMA, now);
        this.outcomeDetail = message;
    }

    public void joinPush(long push) {
        this.pushId = push;
    }

    public void leavePush() {
        this.pushId = null;
    }

    /**
     * The push that held the pick failed or was cancelled before shipping it: back in the queue
     * for the next push, which cherry-picks it afresh, with why it came back.
     */
    public void handBack(String why, Instant now) {
        if (state != PickState.APPROVED) {
            moveTo(PickState.APPROVED, now);
        }
        this.pushId = null;
        this.pickedCommit = null;
        this.outcomeDetail = why;
    }

    public void merged(String picked, String detail, Instant now) {
        moveTo(PickState.MERGED, now);
        this.pickedCommit = picked;
        this.outcomeDetail = detail;
    }

    public void conflicted(List<String> paths, String detail, Instant now) {
        moveTo(PickState.CONFLICT, now);
        this.conflictingPaths = String.join("\n", paths);
        this.outcomeDetail = detail;
    }

    /** Landed before, gone now: the batch was recomputed without a culprit and this pick no longer applies. */
    public void conflictedOnRecompute(List<String> paths, String detail, Instant now) {
        conflicted(paths, detail, now);
        this.pickedCommit = null;
    }

    /** Its cherry-pick got a new id because a pick before it was dropped. */
    public void repicked(String picked) {
        this.pickedCommit = picked;
    }

    public void failedTests(List<String> tests, String detail, Instant now) {
        moveTo(PickState.FAILED_TESTS, now);
        this.failedTests = String.join("\n", tests);
        this.outcomeDetail = detail;
    }

    public void regressedPerf(String detail, Instant now) {
        moveTo(PickState.PERF_REGRESSION, now);
        this.outcomeDetail = detail;
    }

    /** The release engineer accepts the slowdown: the pick queues again for the next push and Perflab lets it pass. */
    public void overridePerf(String by, String reason, Instant now) {
        moveTo(PickState.APPROVED, now);
        this.perfOverrideBy = by;
        this.perfOverrideReason = reason;
        this.perfOverrideAt = now;
        this.pushId = null;
        this.pickedCommit = null;
        this.outcomeDetail = "perf regression accepted by " + by + ": " + reason;
    }

    /**
     * The requester resolved the conflict in a commit on top of the branch: the pick queues again,
     * and the next push lands that commit in place of the original.
     */
    public void backport(String commit, String by, Instant now) {
        moveTo(PickState.APPROVED, now);
        this.backportCommit = commit;
        this.backportBy = by;
        this.backportAt = now;
        this.pushId = null;
        this.pickedCommit = null;
        this.outcomeDetail = "backport " + commit + " from " + by + ": the next push lands it in place of "
                + commitSha;
    }

    /** The commit the train lands for this pick: the backport when one resolved a conflict, else null. */
    public String backportCommit() {
        return backportCommit;
    }

    public boolean perfOverridden() {
        return perfOverrideReason != null;
    }

    public String perfOverrideBy() {
        return perfOverrideBy;
    }

    public String perfOverrideReason() {
        return perfOverrideReason;
    }

    public List<String> failedTestNames() {
        return failedTests == null || failedTests.isEmpty() ? List.of() : List.of(failedTests.split("\n"));
    }

    public void outcome(String detail) {
        this.outcomeDetail = detail;
    }

    public void assess(int discussion, String risk, String riskReason) {
        this.discussion = discussion;
        this.risk = risk;
        this.riskReason = riskReason;
    }

    public int filesChanged() {
        return filesChanged;
    }

    public int linesChanged() {
        return linesChanged;
    }

    public Long id() {
        return id;
    }

    public long trainId() {
        return trainId;
    }

    public String commitSha() {
        return commitSha;
    }

    public Integer mainline() {
        return mainline;
    }

    public String requester() {
        return requester;
    }

    public PickState state() {
        return state;
    }

    public Long pushId() {
        return pushId;
    }

    public String pickedCommit() {
        return pickedCommit;
    }

    public List<String> conflictingPaths() {
        return conflictingPaths == null || conflictingPaths.isEmpty() ? List.of()
                : Arrays.asList(conflictingPaths.split("\n"));
    }

    public String outcomeDetail() {
        return outcomeDetail;
    }

    public PickView toView() {
        return new PickView(id, trainId, commitSha, subject, reason, requester, state, filesChanged, linesChanged,
                discussion, risk, riskReason, requestedAt, decidedBy, decisionReason, pushId, pickedCommit,
                conflictingPaths(), outcomeDetail, failedTestNames(),
                perfOverrideReason == null ? null : perfOverrideBy + ": " + perfOverrideReason,
                state.needsBackport(), backportCommit, backportBy);
    }
}
