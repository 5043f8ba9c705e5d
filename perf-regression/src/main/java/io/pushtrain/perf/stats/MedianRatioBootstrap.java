package io.pushtrain.perf.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap intervals of a median ratio. Unpaired: median(B) / median(A), resampling each
 * build's runs with replacement and keeping the middle of those ratios. Paired: the median of the per-pair
 * ratios B/A, resampling the pairs ({@link #pairedInterval}). A fixed seed makes
 * the same runs give the same interval, so a verdict can be reproduced from stored runs.
 */
public final class MedianRatioBootstrap {

    private MedianRatioBootstrap() {
    }

    /** An interval of the ratio B/A. */
    public record Interval(double low, double high) {
    }

    public static Interval interval(double[] a, double[] b, int resamples, double confidence, long seed) {
        Samples.requireAtLeast(1, a, b);
        if (resamples < 100 || confidence <= 0 || confidence >= 1) {
            throw new IllegalArgumentException("need at least 100 resamples and a confidence between 0 and 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] ratios = new double[resamples];
        double[] scratchA = new double[a.length];
        double[] scratchB = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            double medianA = resampledMedian(a, scratchA, random);
            double medianB = resampledMedian(b, scratchB, random);
            ratios[r] = medianB / medianA;
        }
        Arrays.sort(ratios);
        double tail = (1 - confidence) / 2;
        return new Interval(quantile(ratios, tail), quantile(ratios, 1 - tail));
    }

    /**
     * A percentile bootstrap interval of the median paired ratio: {@code ratios[i]} is B/A of the i-th
     * pair of runs made side by side; resample the pairs with replacement and keep the middle of the
     * resampled medians. The median of ratios is that of their logs, so the interval is the same either way.
     */
    public static Interval pairedInterval(double[] ratios, int resamples, double confidence, long seed) {
        if (ratios.length < 1) {
            throw new IllegalArgumentException("need at least 1 pair");
        }
        if (resamples < 100 || confidence <= 0 || confidence >= 1) {
            throw new IllegalArgumentException("need at least 100 resamples and a confidence between 0 and 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] scratch = new double[ratios.length];
        for (int r = 0; r < resamples; r++) {
            medians[r] = resampledMedian(ratios, scratch, random);
        }
        Arrays.sort(medians);
        double tail = (1 - confidence) / 2;
        return new Interval(quantile(medians, tail), quantile(medians, 1 - tail));
    }

    private static double resampledMedian(double[] values, double[] scratch, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            scratch[i] = values[random.nextInt(values.length)];
        }
        Arrays.sort(scratch);
        return Samples.medianOfSorted(scratch, scratch.length);
    }

    /** Linear interpolation between the order statistics around q. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
