package io.pushtrain.perf.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Mann–Whitney U test (Wilcoxon rank-sum), two-sided: do two builds' runs come from the same
 * distribution? It uses ranks only, so one run hit by a noisy neighbour cannot swing it the way it
 * swings a mean.
 */
public final class MannWhitney {

    /** Up to this many runs per side without ties, the p-value is counted exactly. */
    static final int EXACT_UP_TO = 20;

    private MannWhitney() {
    }

    /** The two-sided p-value: exact for small samples without ties, else the normal approximation with tie correction. */
    public static double pValue(double[] a, double[] b) {
        Samples.requireAtLeast(1, a, b);
        Ranks ranks = Ranks.of(a, b);
        double u = ranks.sumOfA() - a.length * (a.length + 1) / 2.0;
        if (!ranks.tied() && a.length <= EXACT_UP_TO && b.length <= EXACT_UP_TO) {
            return exact(u, a.length, b.length);
        }
        return normal(u, a.length, b.length, ranks.tieTerm());
    }

    static double normal(double u, int m, int n, double tieTerm) {
        int total = m + n;
        double mean = m * (double) n / 2;
        double variance = m * (double) n / 12 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        if (variance <= 0) {
            return 1; // every run gave the same number: nothing tells the builds apart
        }
        double z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance); // continuity correction
        return Math.min(1, Distributions.normalTwoSided(z));
    }

    /** Counts the orderings of m A-runs and n B-runs by their U, then sums the tail at least as far out as u. */
    static double exact(double u, int m, int n) {
        int max = m * n;
        double[][] previous = new double[n + 1][max + 1];
        for (int j = 0; j <= n; j++) {
            previous[j][0] = 1; // no A-runs: U is 0 whatever the Bs
        }
        for (int i = 1; i <= m; i++) {
            double[][] current = new double[n + 1][max + 1];
            current[0][0] = 1;
            for (int j = 1; j <= n; j++) {
                for (int k = 0; k <= i * j; k++) {
                    // the largest run is an A (it beats all j Bs) or a B (it beats nothing of A)
                    current[j][k] = (k >= j ? previous[j][k - j] : 0) + current[j - 1][k];
                }
            }
            previous = current;
        }
        double[] counts = previous[n];
        double all = 0;
        double below = 0;
        double above = 0;
        for (int k = 0; k <= max; k++) {
            all += counts[k];
            below += k <= u ? counts[k] : 0;
            above += k >= u ? counts[k] : 0;
        }
        return Math.min(1, 2 * Math.min(below, above) / all);
    }

    /** Mid-ranks of the pooled runs. */
    record Ranks(double sumOfA, double tieTerm) {

        boolean tied() {
            return tieTerm > 0;
        }

        static Ranks of(double[] a, double[] b) {
            int total = a.length + b.length;
            Integer[] order = new Integer[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingDouble(i -> i < a.length ? a[i] : b[i - a.length]));
            double sumOfA = 0;
            double tieTerm = 0;
            for (int start = 0; start < total;) {
                int end = start;
                double value = valueAt(a, b, order[start]);
                while (end + 1 < total && valueAt(a, b, order[end + 1]) == value) {
                    end++;
                }
                double midRank = (start + end) / 2.0 + 1;
                for (int k = start; k <= end; k++) {
                    sumOfA += order[k] < a.length ? midRank : 0;
                }
                int tied = end - start + 1;
                tieTerm += (double) tied * tied * tied - tied;
                start = end + 1;
            }
            return new Ranks(sumOfA, tieTerm);
        }

        private static double valueAt(double[] a, double[] b, int i) {
            return i < a.length ? a[i] : b[i - a.length];
        }
    }
}
