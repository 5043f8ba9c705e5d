package io.pushtrain.perf;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How Perflab runs and judges a comparison; {@link #defaults()} reach the accuracy in docs/performance.md.
 *
 * @param threshold the smallest relative change worth holding a pick for (0.03: 3%)
 * @param alpha the p-value (sign test on paired runs, else Mann–Whitney) below which a change is real (0.01)
 * @param confidence the level of the bootstrap interval of the median ratio (0.95)
 * @param resamples bootstrap resamples (2,000)
 * @param seed the bootstrap's seed, so the same runs give the same verdict
 * @param minRuns runs of each build before the first look (8)
 * @param maxRuns runs of each build at most (30)
 * @param runsPerRound runs of each build added per round while a verdict is unclear (4)
 * @param timeBudget wall time after which no new run starts; {@link Duration#ZERO} for none
 * @param directions which way is better, per metric, where the unit says it wrong
 */
public record PerfSettings(
        double threshold,
        double alpha,
        double confidence,
        int resamples,
        long seed,
        int minRuns,
        int maxRuns,
        int runsPerRound,
        Duration timeBudget,
        Map<String, Direction> directions) {

    public PerfSettings {
        check(threshold > 0 && threshold < 1, "threshold is between 0 and 1 (0.03 is 3%)");
        check(alpha > 0 && alpha < 1, "alpha is between 0 and 1");
        check(confidence > 0 && confidence < 1, "confidence is between 0 and 1");
        check(resamples >= 100, "resamples is 100 or more");
        // Fewer than 5 runs a side cannot separate a few percent from 2% noise at any alpha worth having.
        check(minRuns >= 5 && maxRuns >= minRuns, "min-runs is 5 or more and max-runs at least min-runs");
        check(runsPerRound >= 1, "runs-per-round is 1 or more");
        timeBudget = timeBudget == null ? Duration.ZERO : timeBudget;
        check(!timeBudget.isNegative(), "time-budget is zero (none) or positive");
        directions = directions == null ? Map.of() : Map.copyOf(directions);
    }

    public static PerfSettings defaults() {
        return new PerfSettings(0.03, 0.01, 0.95, 2_000, 42, 8, 30, 4, Duration.ZERO, Map.of());
    }

    public PerfSettings withThreshold(double newThreshold) {
        return new PerfSettings(newThreshold, alpha, confidence, resamples, seed, minRuns, maxRuns, runsPerRound, timeBudget, directions);
    }

    public PerfSettings withRuns(int newMinRuns, int newMaxRuns) {
        return new PerfSettings(threshold, alpha, confidence, resamples, seed, newMinRuns, newMaxRuns, runsPerRound, timeBudget, directions);
    }

    public PerfSettings withTimeBudget(Duration budget) {
        return new PerfSettings(threshold, alpha, confidence, resamples, seed, minRuns, maxRuns, runsPerRound, budget, directions);
    }

    public PerfSettings withDirection(String metric, Direction direction) {
        Map<String, Direction> more = new HashMap<>(directions);
        more.put(metric, direction);
        return new PerfSettings(threshold, alpha, confidence, resamples, seed, minRuns, maxRuns, runsPerRound, timeBudget, more);
    }

    /** The override for this metric, else what its unit says. */
    public Direction directionOf(String metric, String unit) {
        return directions.getOrDefault(metric, Direction.ofUnit(unit));
    }

    private static void check(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("pushtrain.perf: " + rule);
        }
    }
}
