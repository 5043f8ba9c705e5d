package io.pushtrain.perf;

import io.pushtrain.perf.stats.MannWhitney;
import io.pushtrain.perf.stats.MedianRatioBootstrap;
import io.pushtrain.perf.stats.Samples;
import io.pushtrain.perf.stats.SignTest;

/**
 * The verdict rule. A change is a REGRESSION (or an IMPROVEMENT) when all three hold:
 * <ol>
 * <li>it is real: the p-value is below {@code alpha};</li>
 * <li>its sign is sure: the bootstrap interval of the median ratio lies entirely on the bad (good) side of 1;</li>
 * <li>it matters: the median ratio is beyond the threshold in the bad (good) direction.</li>
 * </ol>
 * Anything else is NO_CHANGE. A verdict is <em>settled</em>, and more runs would not change it, when it is a
 * REGRESSION or IMPROVEMENT whose interval lies entirely beyond the threshold, or when the interval lies
 * entirely within the threshold.
 *
 * <p>Which ratio and which test depend on whether the runs are <em>paired</em>:
 * <ul>
 * <li><b>paired</b> (both builds have the same number of runs, and run i of A was made side by side with
 * run i of B, as {@link PerfRun} does): the ratio is the median of the per-pair ratios B<sub>i</sub>/A<sub>i</sub>,
 * its interval a bootstrap over the pairs, and the p-value the exact sign test of the log ratios
 * ln(B<sub>i</sub>/A<sub>i</sub>) (zeros dropped). What the machine did to both runs of a pair (a slow drift)
 * cancels, and a pair hit by a noisy neighbour counts as one sign, however far off it is;</li>
 * <li><b>unpaired</b> (otherwise): the ratio is median(B)/median(A), its interval a bootstrap of each build's
 * runs, and the p-value the Mann–Whitney U test.</li>
 * </ul>
 */
public final class PerfJudge {

    private final PerfSettings settings;

    public PerfJudge(PerfSettings settings) {
        this.settings = settings;
    }

    /**
     * Judges one metric from each build's runs (at least two each, all positive: Perflab compares ratios).
     * With as many runs of each build, run i of each is taken as one pair made side by side ({@link #judgePaired});
     * otherwise they are judged unpaired ({@link #judgeUnpaired}).
     */
    public Verdict judge(String metric, String unit, double[] trunk, double[] release) {
        return trunk.length == release.length
                ? judgePaired(metric, unit, trunk, release)
                : judgeUnpaired(metric, unit, trunk, release);
    }

    /** The paired rule: {@code trunk[i]} and {@code release[i]} were run side by side. */
    public Verdict judgePaired(String metric, String unit, double[] trunk, double[] release) {
        check(metric, trunk, release);
        if (trunk.length != release.length) {
            throw new PerfException(metric + ": paired runs need as many runs of each build, got " + trunk.length + " and "
                    + release.length);
        }
        double[] ratios = new double[trunk.length];
        double[] logRatios = new double[trunk.length];
        for (int i = 0; i < trunk.length; i++) {
            ratios[i] = release[i] / trunk[i];
            logRatios[i] = Math.log(ratios[i]);
        }
        double effect = Samples.median(ratios) - 1;
        MedianRatioBootstrap.Interval ratio = MedianRatioBootstrap.pairedInterval(ratios, settings.resamples(),
                settings.confidence(), settings.seed() ^ metric.hashCode());
        double p = SignTest.pValue(logRatios);
        return verdict(metric, unit, trunk, release, effect, ratio, p);
    }

    /** The unpaired rule: median(B)/median(A), Mann–Whitney; for runs not made in pairs. */
    public Verdict judgeUnpaired(String metric, String unit, double[] trunk, double[] release) {
        check(metric, trunk, release);
        double effect = Samples.median(release) / Samples.median(trunk) - 1;
        MedianRatioBootstrap.Interval ratio = MedianRatioBootstrap.interval(trunk, release, settings.resamples(),
                settings.confidence(), settings.seed() ^ metric.hashCode());
        double p = MannWhitney.pValue(trunk, release);
        return verdict(metric, unit, trunk, release, effect, ratio, p);
    }

    private Verdict verdict(String metric, String unit, double[] trunk, double[] release, double effect,
            MedianRatioBootstrap.Interval ratio, double p) {
        Direction direction = settings.directionOf(metric, unit);
        Verdict.Kind kind = kind(direction, effect, ratio.low() - 1, ratio.high() - 1, p);
        return new Verdict(metric, unit, direction, kind, effect, ratio.low() - 1, ratio.high() - 1, p,
                Samples.median(trunk), Samples.median(release), trunk.length, release.length, null);
    }

    private static void check(String metric, double[] trunk, double[] release) {
        requirePositive(metric, trunk);
        requirePositive(metric, release);
        if (trunk.length < 2 || release.length < 2) {
            throw new PerfException(metric + ": need at least 2 runs of each build, got " + trunk.length + " and " + release.length);
        }
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

    /**
     * More runs would not change this verdict: the interval is clear of the threshold and the verdict already
     * says so (REGRESSION or IMPROVEMENT: p is below alpha too), or the interval is inside the threshold.
     * Few pairs cannot reach a small p (8 pairs: 2/256 at best, when every pair points the same way), so an
     * interval beyond the threshold with p still above alpha is not settled: more runs are needed.
     */
    public boolean settled(Verdict verdict) {
        double t = settings.threshold();
        boolean beyond = verdict.kind() != Verdict.Kind.NO_CHANGE && (verdict.effectLow() >= t || verdict.effectHigh() <= -t);
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
