package io.pushtrain.train;

import java.time.Instant;
import java.util.List;

import io.pushtrain.perf.Verdict;

/**
 * One Perflab comparison of a push: the branch as it was (A, what the hosts run) against a
 * candidate with some of the push's picks (B), judged metric by metric.
 *
 * @param picks the ids of the picks the candidate holds
 * @param runs benchmark runs, both builds counted
 * @param regressed a regression nobody accepted: the push held a pick back for it
 * @param threshold the smallest change that counts, as a fraction (0.03)
 */
public record PerfComparisonView(long id, long push, String baseCommit, String headCommit, List<Long> picks,
        int runs, boolean stoppedEarly, boolean regressed, double threshold, Instant createdAt,
        List<MetricVerdict> verdicts) {

    /**
     * @param effect the median ratio B/A − 1: +0.05 is 5% more
     * @param overrideBy who accepted this regression, or null
     */
    public record MetricVerdict(String metric, String unit, Verdict.Kind kind, double effect, double effectLow,
            double effectHigh, double pValue, double medianA, double medianB, int runsA, int runsB,
            String overrideBy, String overrideReason) {
    }
}
