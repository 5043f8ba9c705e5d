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

    @Test
    void onADriftingMachineThePairedJudgeFindsAFivePercentRegression() {
        Random random = new Random(2025);
        int found = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            double[][] runs = interleavedOnADriftingMachine(random, 1.05, 30);
            found += judge.judgePaired("render", "ms", runs[0], runs[1]).kind() == Kind.REGRESSION ? 1 : 0;
        }
        assertThat(found).as("5%% regressions found of %d", TRIALS).isGreaterThanOrEqualTo(TRIALS * 98 / 100);
    }

    @Test
    void onADriftingMachineThePairedJudgeStaysQuietWhenNothingChanged() {
        Random random = new Random(2026);
        int alarms = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            double[][] runs = interleavedOnADriftingMachine(random, 1.00, 30);
            alarms += judge.judgePaired("render", "ms", runs[0], runs[1]).kind() != Kind.NO_CHANGE ? 1 : 0;
        }
        assertThat(alarms).as("false alarms of %d", TRIALS).isLessThanOrEqualTo(TRIALS / 100);
    }

    @Test
    void pairingRemovesTheDriftFromTheSpreadSoTheIntervalIsNarrower() {
        Random random = new Random(2027);
        double paired = 0;
        double unpaired = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            double[][] runs = interleavedOnADriftingMachine(random, 1.05, 30);
            Verdict p = judge.judgePaired("render", "ms", runs[0], runs[1]);
            Verdict u = judge.judgeUnpaired("render", "ms", runs[0], runs[1]);
            paired += p.effectHigh() - p.effectLow();
            unpaired += u.effectHigh() - u.effectLow();
        }
        assertThat(paired).isLessThan(0.8 * unpaired);
    }

    @Test
    void thePairedEffectIsTheMedianOfThePerPairRatios() {
        double[] trunk = { 100, 102, 104, 106, 108 };
        double[] release = { 104, 107.1, 108.16, 110.24, 115.56 }; // ratios 1.04, 1.05, 1.04, 1.04, 1.07

        Verdict verdict = judge.judge("render", "ms", trunk, release);

        assertThat(verdict.effect()).isCloseTo(0.04, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(verdict.medianA()).isEqualTo(104);
        assertThat(verdict.medianB()).isEqualTo(108.16);
    }

    @Test
    void unequalRunCountsAreJudgedUnpaired() {
        double[] trunk = runs(new Random(7), 100, RUNS);
        double[] release = runs(new Random(8), 106, RUNS - 1);

        assertThat(judge.judge("render", "ms", trunk, release)).isEqualTo(judge.judgeUnpaired("render", "ms", trunk, release));
        assertThatThrownBy(() -> judge.judgePaired("render", "ms", trunk, release))
                .isInstanceOf(PerfException.class).hasMessageContaining("as many runs of each build");
    }

    /**
     * {@code pairs} pairs run A B, B A, A B ... on a machine that slows 0.25% per run (15% over 60 runs),
     * 2% noise; B is {@code change} times A. Answers {trunk, release}, run i of each being pair i.
     */
    static double[][] interleavedOnADriftingMachine(Random random, double change, int pairs) {
        double sigma = Math.sqrt(Math.log(1 + 0.02 * 0.02));
        double[] a = new double[pairs];
        double[] b = new double[pairs];
        int run = 0;
        for (int i = 0; i < pairs; i++) {
            boolean releaseFirst = i % 2 == 1;
            for (int k = 0; k < 2; k++) {
                boolean release = releaseFirst == (k == 0);
                double value = 100 * Math.exp(sigma * random.nextGaussian()) * (1 + 0.0025 * run++);
                if (release) {
                    b[i] = value * change;
                } else {
                    a[i] = value;
                }
            }
        }
        return new double[][] { a, b };
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
