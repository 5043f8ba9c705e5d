package io.pushtrain.perf;

import java.util.Random;
import java.util.stream.Stream;

import io.pushtrain.perf.Verdict.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Property-style: many trials of log-normal runs with 2% noise, from a fixed seed. */
class PerfJudgeTests {

    private static final int TRIALS = 200;
    private static final int RUNS = 12;

    private final PerfJudge judge = new PerfJudge(PerfSettings.defaults());

    static Stream<Arguments> shiftsAndWhatTheyAre() {
        return Stream.of(
                // unit, release / trunk, verdict the vast majority of trials must reach
                arguments("ms", 1.00, Kind.NO_CHANGE),
                arguments("ms", 1.10, Kind.REGRESSION),
                arguments("ms", 0.90, Kind.IMPROVEMENT),
                arguments("ops/s", 0.90, Kind.REGRESSION),
                arguments("ops/s", 1.10, Kind.IMPROVEMENT),
                arguments("ns/op", 1.01, Kind.NO_CHANGE));
    }

    @ParameterizedTest(name = "{0} x{1} -> {2}")
    @MethodSource("shiftsAndWhatTheyAre")
    void aShiftIsJudgedTheSameWayInNearlyEveryTrial(String unit, double shift, Kind expected) {
        Random random = new Random(2024);
        int agreeing = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Verdict verdict = judge.judge("render", unit, runs(random, 100, RUNS), runs(random, 100 * shift, RUNS));
            agreeing += verdict.kind() == expected ? 1 : 0;
        }
        assertThat(agreeing).as("trials judged %s of %d", expected, TRIALS).isGreaterThanOrEqualTo(TRIALS * 98 / 100);
    }

    @Test
    void aTenPercentSlowdownIsARegressionWithItsSizeAndInterval() {
        Verdict verdict = judge.judge("render", "ms", runs(new Random(1), 100, RUNS), runs(new Random(2), 110, RUNS));

        assertThat(verdict.kind()).isEqualTo(Kind.REGRESSION);
        assertThat(verdict.blocking()).isTrue();
        assertThat(verdict.effect()).isBetween(0.08, 0.12);
        assertThat(verdict.effectLow()).isGreaterThan(0.03).isLessThan(verdict.effect());
        assertThat(verdict.effectHigh()).isGreaterThan(verdict.effect());
        assertThat(verdict.pValue()).isLessThan(0.001);
        assertThat(verdict.runsA()).isEqualTo(RUNS);
        assertThat(judge.settled(verdict)).isTrue();
    }

    @Test
    void aRealButSmallChangeIsNoChangeBecauseItIsBelowTheThreshold() {
        Verdict verdict = judge.judge("render", "ms", runs(new Random(3), 100, 200), runs(new Random(4), 101.5, 200));

        assertThat(verdict.pValue()).isLessThan(0.01);
        assertThat(verdict.kind()).isEqualTo(Kind.NO_CHANGE);
        assertThat(judge.settled(verdict)).isTrue();
    }

    @Test
    void aDirectionGivenForAMetricOverridesItsUnit() {
        PerfJudge scoring = new PerfJudge(PerfSettings.defaults().withDirection("cache.hits", Direction.HIGHER_IS_BETTER));

        Verdict verdict = scoring.judge("cache.hits", "count", runs(new Random(5), 100, RUNS), runs(new Random(6), 90, RUNS));

        assertThat(verdict.direction()).isEqualTo(Direction.HIGHER_IS_BETTER);
        assertThat(verdict.kind()).isEqualTo(Kind.REGRESSION);
    }

    @Test
    void zeroOrNegativeValuesAreRefusedBecauseRatiosNeedPositiveNumbers() {
        assertThatThrownBy(() -> judge.judge("errors", "count", new double[] { 0, 1, 2 }, new double[] { 1, 2, 3 }))
                .isInstanceOf(PerfException.Malformed.class)
                .hasMessageContaining("errors has the value 0.0");
    }

    @Test
    void theSummaryIsOneLineAPersonCanRead() {
        Verdict verdict = new Verdict("render", "ms", Direction.LOWER_IS_BETTER, Kind.REGRESSION, 0.051, 0.039, 0.064,
                0.00021, 1.02, 1.072, 12, 12, null);

        assertThat(verdict.summary())
                .isEqualTo("render: REGRESSION +5.1% [+3.9% .. +6.4%] p=0.0002, 12+12 runs, median 1.020 -> 1.072 ms");
    }

    /** Log-normal runs around {@code median} with 2% coefficient of variation. */
    static double[] runs(Random random, double median, int n) {
        double sigma = Math.sqrt(Math.log(1 + 0.02 * 0.02));
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(sigma * random.nextGaussian());
        }
        return values;
    }
}
