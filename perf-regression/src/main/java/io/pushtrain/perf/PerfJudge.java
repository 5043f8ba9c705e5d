package io.pushtrain.perf;

import io.pushtrain.perf.stats.MannWhitney;
import io.pushtrain.perf.stats.MedianRatioBootstrap;
import io.pushtrain.perf.stats.Samples;

/**
 * The verdict rule. A change is a REGRESSION (or an IMPROVEMENT) when all three hold:
 * <ol>
 * <li>it is real: the Mann–Whitney p-value is below {@code alpha};</li>
 * <li>its sign is sure: the bootstrap interval of median(B)/median(A) lies entirely on the bad (good) side of 1;</li>
 * <li>it matters: the median ratio is beyond the threshold in the bad (good) direction.</li>
 * </ol>
 * Anything else is NO_CHANGE. A verdict is <em>settled</em>, and more runs would not change it, when the
 * interval lies entirely beyond the threshold on one side, or entirely within it.
 */
public final class PerfJudge {

    private final PerfSettings settings;

    public PerfJudge(PerfSettings settings) {
        this.settings = settings;
    }

    /** Judges one metric from each build's runs (at least two each, all positive: Perflab compares ratios). */
    public Verdict judge(String metric, String unit, double[] trunk, double[] release) {
        requirePositive(metric, trunk);
        requirePositive(metric, release);
        if (trunk.length < 2 || release.length < 2) {
            throw new PerfException(metric + ": need at least 2 runs of each build, got " + trunk.length + " and " + release.length);
        }
        Direction direction = settings.directionOf(metric, unit);
        double medianA = Samples.median(trunk);
        double medianB = Samples.median(release);
        double effect = medianB / medianA - 1;
        MedianRatioBootstrap.Interval ratio = MedianRatioBootstrap.interval(trunk, release, settings.resamples(),
                settings.confidence(), settings.seed() ^ metric.hashCode());
        double p = MannWhitney.pValue(trunk, release);
        Verdict.Kind kind = kind(direction, effect, ratio.low() - 1, ratio.high() - 1, p);
        return new Verdict(metric, unit, direction, kind, effect, ratio.low() - 1, ratio.high() - 1, p, medianA, medianB,
                trunk.length, release.length, null);
    }

    private Verdict.Kind kind(Direction direction, double effect, double low, double high, double p) {
        if (p >= settings.alpha()) {
            return Verdict.Kind.NO_CHANGE;
        }
        // Turn the effect so that positive is worse, whichever way the metric is better.
        int bad = direction.badSign();
        double worse = bad * effect;
        double worseLow = bad > 0 ? low : -high;
        double worseHigh = bad > 0 ? high : -low;
        if (worse >= settings.threshold() && worseLow > 0) {
            return Verdict.Kind.REGRESSION;
        }
        if (-worse >= settings.threshold() && worseHigh < 0) {
            return Verdict.Kind.IMPROVEMENT;
        }
        return Verdict.Kind.NO_CHANGE;
    }

    /** More runs would not change this verdict: the interval is clear of the threshold, or inside it. */
    public boolean settled(Verdict verdict) {
        double t = settings.threshold();
        boolean beyond = verdict.effectLow() >= t || verdict.effectHigh() <= -t;
        boolean within = verdict.effectLow() > -t && verdict.effectHigh() < t;
        return beyond || within;
    }

    private static void requirePositive(String metric, double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                throw new PerfException.Malformed(metric + " has the value " + v
                        + "; Perflab compares ratios, so every value must be positive");
            }
        }
    }
}
