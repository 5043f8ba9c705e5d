package io.pushtrain.perf.stats;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** p-values against SciPy 1.17 (mannwhitneyu, ttest_ind(equal_var=False)) on the same samples. */
class StatisticsTests {

    /** R's wilcox.test example (Hollander and Wolfe): no ties, small, so counted exactly. */
    static final double[] X = { 0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46 };
    static final double[] Y = { 1.15, 0.88, 0.90, 0.74, 1.21 };

    /** Ties and more than 20 runs a side: the normal approximation with tie and continuity correction. */
    static final double[] A = { 1.0, 1.1, 1.2, 1.2, 1.3, 1.4, 1.5, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.0, 2.1, 2.2, 2.3, 2.4,
            2.5, 2.6, 2.7, 2.8 };
    static final double[] B = { 1.5, 1.6, 1.7, 1.7, 1.8, 1.9, 2.0, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.5, 2.6, 2.7, 2.8, 2.9,
            3.0, 3.1, 3.2, 3.3, 3.4 };

    static Stream<Arguments> samplesAndScipyPValues() {
        return Stream.of(
                // a, b, Mann–Whitney p, Welch p
                arguments(X, Y, 0.2544122544122544, 0.06210134378107847),
                arguments(A, B, 0.004997157229553024, 0.0022615927662856046));
    }

    @ParameterizedTest
    @MethodSource("samplesAndScipyPValues")
    void pValuesMatchScipy(double[] a, double[] b, double mannWhitney, double welch) {
        assertThat(MannWhitney.pValue(a, b)).isCloseTo(mannWhitney, within(1e-6));
        assertThat(MannWhitney.pValue(b, a)).isCloseTo(mannWhitney, within(1e-6));
        assertThat(WelchTest.pValue(a, b)).isCloseTo(welch, within(1e-6));
    }

    @Test
    void theExactCountAndTheNormalApproximationAgreeAtTwentyRunsASide() {
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            double[] a = random.doubles(20).toArray();
            double[] b = random.doubles(20).map(v -> v + 0.2).toArray();
            MannWhitney.Ranks ranks = MannWhitney.Ranks.of(a, b);
            double u = ranks.sumOfA() - 20 * 21 / 2.0;
            assertThat(MannWhitney.normal(u, 20, 20, 0)).isCloseTo(MannWhitney.exact(u, 20, 20), within(0.01));
        }
    }

    @Test
    void runsThatAreAllTheSameTellNothingApart() {
        double[] same = { 5, 5, 5, 5, 5, 5 };
        assertThat(MannWhitney.pValue(same, same)).isEqualTo(1);
        assertThat(WelchTest.pValue(same, same)).isEqualTo(1);
    }

    @Test
    void theBootstrapIntervalHoldsTheTrueRatioAndIsTheSameForTheSameSeed() {
        Random random = new Random(11);
        double[] a = random.doubles(30).map(v -> 100 * Math.exp(0.02 * random.nextGaussian())).toArray();
        double[] b = random.doubles(30).map(v -> 110 * Math.exp(0.02 * random.nextGaussian())).toArray();

        MedianRatioBootstrap.Interval interval = MedianRatioBootstrap.interval(a, b, 2_000, 0.95, 42);

        assertThat(interval.low()).isLessThan(1.10).isGreaterThan(1.07);
        assertThat(interval.high()).isGreaterThan(1.10).isLessThan(1.13);
        assertThat(MedianRatioBootstrap.interval(a, b, 2_000, 0.95, 42)).isEqualTo(interval);
    }

    @Test
    void theTailsOfTheDistributionsAreTextbookValues() {
        assertThat(Distributions.normalTwoSided(1.959964)).isCloseTo(0.05, within(1e-6));
        assertThat(Distributions.studentTwoSided(2.228139, 10)).isCloseTo(0.05, within(1e-6));
        assertThat(Distributions.studentTwoSided(0, 5)).isCloseTo(1, within(1e-12));
        assertThat(Distributions.logGamma(5)).isCloseTo(Math.log(24), within(1e-12));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMiddlePairsMean() {
        assertThat(Samples.median(new double[] { 4, 1, 3, 2 })).isEqualTo(2.5);
        assertThat(Samples.median(new double[] { 3, 1, 2 })).isEqualTo(2);
        assertThat(Samples.variance(new double[] { 2, 4, 4, 4, 5, 5, 7, 9 })).isCloseTo(32.0 / 7, within(1e-12));
    }

    static Stream<Arguments> signsAndScipyPValues() {
        return Stream.of(
                // pairs pointing up, pairs in all, scipy.stats.binomtest(up, n, 0.5).pvalue
                arguments(8, 8, 0.0078125),
                arguments(7, 8, 0.0703125),
                arguments(11, 12, 0.00634765625),
                arguments(23, 30, 0.005222879350185395),
                arguments(15, 30, 1.0),
                arguments(3, 20, 0.0025768280029296875));
    }

    @ParameterizedTest(name = "{0} of {1} up -> p={2}")
    @MethodSource("signsAndScipyPValues")
    void theSignTestMatchesScipyWhicheverWayThePairsPoint(int up, int n, double p) {
        double[] differences = new double[n + 2];
        for (int i = 0; i < n; i++) {
            differences[i] = i < up ? 0.01 * (i + 1) : -0.5 * (i + 1); // sizes do not matter, only signs
        }
        // the two extra zeros are dropped

        assertThat(SignTest.pValue(differences)).isCloseTo(p, within(1e-12));
        assertThat(SignTest.pValue(negated(differences))).isCloseTo(p, within(1e-12));
    }

    @Test
    void pairsThatAllGaveTheSameNumberTellNothingApart() {
        assertThat(SignTest.pValue(new double[] { 0, 0, 0 })).isEqualTo(1);
    }

    @Test
    void thePairedIntervalIsReproducibleAndHoldsTheMedianPairedRatio() {
        double[] ratios = { 1.04, 1.06, 1.05, 1.03, 1.07, 1.05, 1.02, 1.06, 1.05, 1.04 };
        MedianRatioBootstrap.Interval interval = MedianRatioBootstrap.pairedInterval(ratios, 2000, 0.95, 7);

        assertThat(interval).isEqualTo(MedianRatioBootstrap.pairedInterval(ratios, 2000, 0.95, 7));
        assertThat(interval.low()).isLessThanOrEqualTo(1.05).isGreaterThanOrEqualTo(1.02);
        assertThat(interval.high()).isGreaterThanOrEqualTo(1.05).isLessThanOrEqualTo(1.07);
    }

    private static double[] negated(double[] values) {
        return java.util.Arrays.stream(values).map(v -> -v).toArray();
    }
}
