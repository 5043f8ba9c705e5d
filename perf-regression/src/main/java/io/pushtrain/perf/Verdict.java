package io.pushtrain.perf;

import java.util.Locale;

/**
 * What Perflab concluded about one metric, release (B) against trunk (A).
 *
 * @param metric the metric
 * @param unit its unit
 * @param direction which way is better
 * @param kind REGRESSION, IMPROVEMENT or NO_CHANGE, by the rule in docs/perflab.md
 * @param effect the median ratio - 1 (of the per-pair ratios B/A when paired, else median(B) / median(A)): +0.05 is 5% more (slower for a time, faster for a rate)
 * @param effectLow the low end of the bootstrap interval of the effect
 * @param effectHigh its high end
 * @param pValue the two-sided p-value: exact sign test of the paired log ratios, or Mann–Whitney U when unpaired
 * @param medianA trunk's median
 * @param medianB the release branch's median
 * @param runsA trunk's runs
 * @param runsB the release branch's runs
 * @param override the release engineer's acceptance of a regression, or null
 */
public record Verdict(
        String metric,
        String unit,
        Direction direction,
        Kind kind,
        double effect,
        double effectLow,
        double effectHigh,
        double pValue,
        double medianA,
        double medianB,
        int runsA,
        int runsB,
        PerfOverride override) {

    /** The three outcomes of a comparison. */
    public enum Kind {
        REGRESSION,
        IMPROVEMENT,
        NO_CHANGE
    }

    /** A regression nobody accepted: the pick is held back. */
    public boolean blocking() {
        return kind == Kind.REGRESSION && override == null;
    }

    /** A regression the release engineer accepted with a reason. */
    public boolean accepted() {
        return kind == Kind.REGRESSION && override != null;
    }

    Verdict accept(PerfOverride acceptance) {
        if (kind != Kind.REGRESSION) {
            throw new PerfException(metric + " did not regress (" + kind + "), there is nothing to accept");
        }
        return new Verdict(metric, unit, direction, kind, effect, effectLow, effectHigh, pValue, medianA, medianB, runsA,
                runsB, acceptance);
    }

    /** One line for a person: {@code parse: REGRESSION +5.1% [+3.9% .. +6.4%] p=0.0002, 12+12 runs, 1.02 -> 1.07 ms}. */
    public String summary() {
        String line = String.format(Locale.ROOT, "%s: %s %s [%s .. %s] p=%s, %d+%d runs, median %s -> %s %s", metric, kind,
                percent(effect), percent(effectLow), percent(effectHigh), pValue(pValue), runsA, runsB, number(medianA),
                number(medianB), unit).strip();
        return override == null ? line : line + " (accepted by " + override.by() + ": " + override.reason() + ")";
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%+.1f%%", v * 100);
    }

    private static String pValue(double p) {
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
