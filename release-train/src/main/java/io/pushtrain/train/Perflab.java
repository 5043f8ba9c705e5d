package io.pushtrain.train;

import java.util.List;

import io.pushtrain.train.perflab.PerfComparisons;

import org.springframework.stereotype.Service;

/** What Perflab measured: comparisons and verdicts by commit or by push. */
@Service
public class Perflab {

    private final PerfComparisons comparisons;

    Perflab(PerfComparisons comparisons) {
        this.comparisons = comparisons;
    }

    /**
     * Every comparison that involved {@code commit} (a full id or a prefix of at least 7): as a
     * candidate, as the base, or as one of the picks measured.
     */
    public List<PerfComparisonView> forCommit(String commit) {
        if (commit == null || !commit.strip().matches("[0-9a-fA-F]{7,40}")) {
            throw new TrainException.Invalid("commit must be 7 to 40 hex digits, was '" + commit + "'");
        }
        return comparisons.forCommit(commit.strip().toLowerCase());
    }

    public List<PerfComparisonView> forPush(long push) {
        return comparisons.forPush(push);
    }
}
