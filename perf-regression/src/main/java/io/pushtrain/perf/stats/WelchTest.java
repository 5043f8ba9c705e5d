package io.pushtrain.perf.stats;

/**
 * Welch's two-sample t-test, two-sided: the test most public perf dashboards use. Perflab reports
 * it only for comparison; its mean is at the mercy of a single outlying run.
 */
public final class WelchTest {

    private WelchTest() {
    }

    public static double pValue(double[] a, double[] b) {
        Samples.requireAtLeast(2, a, b);
        double va = Samples.variance(a) / a.length;
        double vb = Samples.variance(b) / b.length;
        double difference = Samples.mean(b) - Samples.mean(a);
        if (va + vb == 0) {
            return difference == 0 ? 1 : 0;
        }
        double t = difference / Math.sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        return Distributions.studentTwoSided(t, df);
    }
}
