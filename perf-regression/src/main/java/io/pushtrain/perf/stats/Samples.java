package io.pushtrain.perf.stats;

import java.util.Arrays;

/** Medians, means and variances of small samples (a few dozen benchmark runs). */
public final class Samples {

    private Samples() {
    }

    public static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return medianOfSorted(sorted, sorted.length);
    }

    /** The median of the first {@code n} values of an array already sorted up to {@code n}. */
    static double medianOfSorted(double[] sorted, int n) {
        int half = n / 2;
        return n % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    public static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The unbiased sample variance (n - 1 in the denominator). */
    public static double variance(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return values.length < 2 ? 0 : squares / (values.length - 1);
    }

    static void requireAtLeast(int n, double[] a, double[] b) {
        if (a.length < n || b.length < n) {
            throw new IllegalArgumentException("need at least " + n + " values on each side, got " + a.length + " and " + b.length);
        }
    }
}
