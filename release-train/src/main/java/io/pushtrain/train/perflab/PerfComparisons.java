package io.pushtrain.train.perflab;

import java.util.List;

import io.pushtrain.train.PerfComparisonView;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads kept comparisons for the API. */
@Component
public class PerfComparisons {

    private final PerfComparisonRepository comparisons;

    PerfComparisons(PerfComparisonRepository comparisons) {
        this.comparisons = comparisons;
    }

    @Transactional(readOnly = true)
    public List<PerfComparisonView> forCommit(String prefix) {
        return comparisons.findByCommit(prefix).stream().map(PerfComparisonEntity::toView).toList();
    }

    @Transactional(readOnly = true)
    public List<PerfComparisonView> forPush(long push) {
        return comparisons.findByPushIdOrderByIdAsc(push).stream().map(PerfComparisonEntity::toView).toList();
    }
}
