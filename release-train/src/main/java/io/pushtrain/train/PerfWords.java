package io.pushtrain.train;

import java.util.Locale;
import java.util.stream.Collectors;

import io.pushtrain.perf.Direction;
import io.pushtrain.perf.PerfSettings;

/**
 * A Perflab comparison said in words for a person: what was compared, how many runs, and why
 * each metric got its verdict, instead of "NO_CHANGE +22.1% [..] p=0.39, median 6810 -> 6683 us".
 */
public final class PerfWords {

    private static final PerfSettings RULE = PerfSettings.defaults();

    private PerfWords() {
    }

    /** What was compared and how often, then one sentence per metric. */
    public static String of(PerfComparisonView comparison) {
        return compared(comparison) + " " + comparison.verdicts().stream()
            .map(v -> of(v, comparison.threshold())).collect(Collectors.joining(" "));
    }

    /** What was compared, on how many runs, and why Perflab stopped. */
    public static String compared(PerfComparisonView c) {
        int picks = c.picks().size();
        String runs = c.verdicts().isEmpty() ? c.runs() + " runs"
                : runsOf(c.verdicts().get(0).runsA(), c.verdicts().get(0).runsB());
        return "Compared the candidate with " + picks + (picks == 1 ? " pick" : " picks") + " ("
                + abbreviate(c.headCommit()) + ") against the branch the hosts run (" + abbreviate(c.baseCommit())
                + "): " + runs + ", " + (c.stoppedEarly() ? "stopped early because every verdict was settled."
                        : "until it had used every run and all the time it may.");
    }

    /** One metric's verdict and the reason for it, in one or two sentences. */
    public static String of(PerfComparisonView.MetricVerdict v, double threshold) {
        Direction direction = Direction.ofUnit(v.unit());
        String medians = "the candidate's median was " + number(v.medianB()) + " " + v.unit() + " against "
                + number(v.medianA()) + " " + v.unit();
        String middle = "in the middle pair it " + change(v.effect(), direction);
        return switch (v.kind()) {
            case REGRESSION -> v.metric() + ": worse. " + capital(middle) + " (" + interval(v)
                    + "), beyond the " + percent(threshold) + " threshold, and the runs agree (p = " + p(v.pValue())
                    + "); " + medians + "." + (v.overrideBy() == null ? ""
                            : " Accepted by " + v.overrideBy() + ": " + v.overrideReason() + ".");
            case IMPROVEMENT -> v.metric() + ": better. " + capital(middle) + " (" + interval(v)
                    + "), beyond the " + percent(threshold) + " threshold, and the runs agree (p = " + p(v.pValue())
                    + "); " + medians + ".";
            case NO_CHANGE -> v.metric() + ": no change. " + capital(medians) + "; " + middle + ", but "
                    + whyNoChange(v, threshold) + ".";
        };
    }

    /** The first rule of PerfJudge that the change did not meet. */
    private static String whyNoChange(PerfComparisonView.MetricVerdict v, double threshold) {
        if (v.pValue() >= RULE.alpha()) {
            return "the runs did not agree on a direction (p = " + p(v.pValue()) + "; a change needs p below "
                    + p(RULE.alpha()) + "), so the difference is noise";
        }
        if (v.effectLow() <= 0 && v.effectHigh() >= 0) {
            return "its " + percent(RULE.confidence()) + " interval (" + interval(v)
                    + ") includes no change at all";
        }
        return "that is smaller than the " + percent(threshold) + " threshold that counts as a change";
    }

    private static String interval(PerfComparisonView.MetricVerdict v) {
        return "between " + signed(v.effectLow()) + " and " + signed(v.effectHigh()) + " with "
                + percent(RULE.confidence()) + " confidence";
    }

    private static String change(double effect, Direction direction) {
        if (Math.abs(effect) < 0.0005) {
            return "measured the same";
        }
        String amount = percent(Math.abs(effect));
        boolean more = effect > 0;
        if (direction == Direction.LOWER_IS_BETTER) {
            return "took " + amount + (more ? " more (slower)" : " less (faster)");
        }
        return "did " + amount + (more ? " more (faster)" : " less (slower)");
    }

    private static String runsOf(int a, int b) {
        return a == b ? a + " runs of each, side by side" : a + " runs of the branch and " + b + " of the candidate";
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String abbreviate(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(10, commit.length()));
    }

    private static String percent(double fraction) {
        double value = fraction * 100;
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + "%";
    }

    private static String signed(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    private static String p(double p) {
        return p < 0.0001 ? "<0.0001"
                : new java.math.BigDecimal(String.format(Locale.ROOT, "%.2g", p)).stripTrailingZeros().toPlainString();
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
