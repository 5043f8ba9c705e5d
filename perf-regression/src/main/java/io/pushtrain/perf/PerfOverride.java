package io.pushtrain.perf;

/**
 * The release engineer accepting a regression: the pick ships anyway, and who decided why is kept.
 *
 * @param metric the regressed metric
 * @param by who accepted it
 * @param reason why, for whoever reads the push later
 */
public record PerfOverride(String metric, String by, String reason) {

    public PerfOverride {
        if (metric == null || metric.isBlank() || by == null || by.isBlank() || reason == null || reason.isBlank()) {
            throw new PerfException("an override names the metric, who accepts the regression and why");
        }
    }
}
