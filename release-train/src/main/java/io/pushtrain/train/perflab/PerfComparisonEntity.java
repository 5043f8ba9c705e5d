package io.pushtrain.train.perflab;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.pushtrain.perf.PerfComparison;
import io.pushtrain.perf.Verdict;
import io.pushtrain.train.PerfComparisonView;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

/** One Perflab comparison of a push: the base build (A) against a candidate (B), with a verdict per metric. */
@Entity
@Table(name = "train_perf_comparison")
class PerfComparisonEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long pushId;

    private String baseCommit;

    private String headCommit;

    private String picks;

    private int runs;

    private boolean stoppedEarly;

    private boolean regressed;

    private double threshold;

    private String summary;

    private Instant createdAt;

    @OneToMany(cascade = CascadeType.ALL, orphanRemoval = true)
    @JoinColumn(name = "comparison_id", nullable = false)
    @OrderBy("id")
    private List<PerfVerdictEntity> verdicts = new ArrayList<>();

    protected PerfComparisonEntity() {
    }

    PerfComparisonEntity(long pushId, String baseCommit, String headCommit, String picks, double threshold,
            PerfComparison comparison, Instant now) {
        this.pushId = pushId;
        this.baseCommit = baseCommit;
        this.headCommit = headCommit;
        this.picks = picks;
        this.threshold = threshold;
        this.runs = comparison.runs();
        this.stoppedEarly = comparison.stoppedEarly();
        this.regressed = comparison.regressed();
        this.summary = comparison.summary();
        this.createdAt = now;
        for (Verdict verdict : comparison.verdicts().values()) {
            verdicts.add(new PerfVerdictEntity(verdict));
        }
    }

    /** The release engineer accepted the regressions of this comparison. */
    void accept(String by, String reason) {
        verdicts.stream().filter(PerfVerdictEntity::blocking).forEach(v -> v.accept(by, reason));
        regressed = false;
    }

    boolean regressed() {
        return regressed;
    }

    String headCommit() {
        return headCommit;
    }

    String summary() {
        return summary;
    }

    /** The blocking verdicts in one line each, for the pick's outcome and the IRC notice. */
    String blockingSummary() {
        return String.join("; ", verdicts.stream().filter(PerfVerdictEntity::blocking).map(PerfVerdictEntity::line)
            .toList());
    }

    PerfComparisonView toView() {
        return new PerfComparisonView(id, pushId, baseCommit, headCommit, picks.isEmpty() ? List.of()
                : java.util.Arrays.stream(picks.split(",")).map(Long::valueOf).toList(), runs, stoppedEarly,
                regressed, threshold, createdAt, verdicts.stream().map(PerfVerdictEntity::toView).toList());
    }
}
