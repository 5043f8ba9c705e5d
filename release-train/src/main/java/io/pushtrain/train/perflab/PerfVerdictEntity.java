package io.pushtrain.train.perflab;

import java.util.Locale;

import io.pushtrain.perf.Verdict;
import io.pushtrain.train.PerfComparisonView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One metric's verdict in a comparison, and who accepted it when it regressed. */
@Entity
@Table(name = "train_perf_verdict")
class PerfVerdictEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String metric;

    private String unit;

    private String kind;

    private double effect;

    private double effectLow;

    private double effectHigh;

    @Column(name = "p_value")
    private double pValue;

    @Column(name = "median_a")
    private double medianA;

    @Column(name = "median_b")
    private double medianB;

    @Column(name = "runs_a")
    private int runsA;

    @Column(name = "runs_b")
    private int runsB;

    private String overrideBy;

    private String overrideReason;

    protected PerfVerdictEntity() {
    }

    PerfVerdictEntity(Verdict verdict) {
        this.metric = verdict.metric();
        this.unit = verdict.unit();
        this.kind = verdict.kind().name();
        this.effect = verdict.effect();
        this.effectLow = verdict.effectLow();
        this.effectHigh = verdict.effectHigh();
        this.pValue = verdict.pValue();
        this.medianA = verdict.medianA();
        this.medianB = verdict.medianB();
        this.runsA = verdict.runsA();
        this.runsB = verdict.runsB();
        if (verdict.override() != null) {
            this.overrideBy = verdict.override().by();
            this.overrideReason = verdict.override().reason();
        }
    }

    boolean blocking() {
        return Verdict.Kind.REGRESSION.name().equals(kind) && overrideReason == null;
    }

    void accept(String by, String reason) {
        this.overrideBy = by;
        this.overrideReason = reason;
    }

    String line() {
        return String.format(Locale.ROOT, "%s %+.1f%% [%+.1f%% .. %+.1f%%] p=%.4f", metric, effect * 100,
                effectLow * 100, effectHigh * 100, pValue);
    }

    PerfComparisonView.MetricVerdict toView() {
        return new PerfComparisonView.MetricVerdict(metric, unit, Verdict.Kind.valueOf(kind), effect, effectLow,
                effectHigh, pValue, medianA, medianB, runsA, runsB, overrideBy, overrideReason);
    }
}
