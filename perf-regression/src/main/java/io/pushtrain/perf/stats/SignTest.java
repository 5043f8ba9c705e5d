package io.pushtrain.perf.stats;

/**
 * The sign test, two-sided and exact: of the paired differences that are not zero, do as many point up as
 * down? It counts signs only, so a pair hit by a noisy neighbour weighs no more than any other pair,
 * however far off it is.
 */
public final class SignTest {

    private SignTest() {
    }

    /** The two-sided exact binomial p-value of the signs (zeros dropped); 1 when every difference is zero. */
    public static double pValue(double[] differences) {
        int up = 0;
        int down = 0;
        for (double d : differences) {
            up += d > 0 ? 1 : 0;
            down += d < 0 ? 1 : 0;
        }
        int n = up + down;
        if (n == 0) {
            return 1;
        }
        int fewer = Math.min(up, down);
        // P(X <= fewer) for X ~ Binomial(n, 1/2), doubled
        double term = Math.pow(0.5, n);
        double tail = 0;
        for (int k = 0; k <= fewer; k++) {
            tail += term;
            term = term * (n - k) / (k + 1);
        }
        return Math.min(1, 2 * tail);
    }
}
