package io.pushtrain.perf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import io.pushtrain.perf.Verdict.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerfRunTests {

    private final List<String> order = new ArrayList<>();
    private final List<String> progress = new ArrayList<>();
    private final Random noise = new Random(99);

    @Test
    void anInjectedTenPercentSlowdownIsFlaggedAndStopsEarly() {
        PerfComparison comparison = new PerfRun(PerfSettings.defaults())
                .compare(build("A", 100, 50), build("B", 110, 50), this::record);

        Verdict render = comparison.verdicts().get("render");
        assertThat(render.kind()).isEqualTo(Kind.REGRESSION);
        assertThat(comparison.verdicts().get("throughput").kind()).isEqualTo(Kind.NO_CHANGE);
        assertThat(comparison.regressed()).isTrue();
        assertThat(comparison.stoppedEarly()).isTrue();
        assertThat(comparison.runs()).isLessThan(60).isEqualTo(order.size());
    }

    @Test
    void anUnchangedBuildIsNotFlagged() {
        PerfComparison comparison = new PerfRun(PerfSettings.defaults())
                .compare(build("A", 100, 50), build("B", 100, 50), this::record);

        assertThat(comparison.verdicts().values()).extracting(Verdict::kind).containsOnly(Kind.NO_CHANGE);
        assertThat(comparison.regressed()).isFalse();
    }

    @Test
    void runsAlternateABThenBASoNeitherBuildAlwaysGoesSecond() {
        new PerfRun(PerfSettings.defaults().withRuns(5, 5)).compare(build("A", 100, 50), build("B", 100, 50), this::record);

        assertThat(String.join("", order)).isEqualTo("ABBAABBAAB");
    }

    @Test
    void progressCountsRunsOfThePlannedMostAndEndsAtWhatWasDone() {
        PerfComparison comparison = new PerfRun(PerfSettings.defaults().withRuns(5, 12))
                .compare(build("A", 100, 50), build("B", 100, 50), this::record);

        assertThat(progress).startsWith("2/24", "4/24", "6/24", "8/24", "10/24");
        assertThat(progress.get(progress.size() - 1)).isEqualTo(comparison.runs() + "/" + comparison.runs());
    }

    @Test
    void aChangeNearTheThresholdRunsTheWholeBudget() {
        PerfComparison comparison = new PerfRun(PerfSettings.defaults().withRuns(8, 16))
                .compare(build("A", 100, 50), build("B", 103, 50), this::record);

        assertThat(comparison.runs()).isEqualTo(32);
        assertThat(comparison.stoppedEarly()).isFalse();
        assertThat(comparison.summary()).endsWith("32 runs, budget spent");
    }

    @Test
    void theTimeBudgetStopsNewRuns() {
        MutableClock clock = new MutableClock();
        Supplier<List<Measurement>> slowTrunk = () -> {
            clock.advance(Duration.ofSeconds(10));
            return build("A", 100, 50).get();
        };

        PerfComparison comparison = new PerfRun(PerfSettings.defaults().withTimeBudget(Duration.ofSeconds(55)), clock)
                .compare(slowTrunk, build("B", 103, 50), this::record);

        assertThat(comparison.runs()).isEqualTo(12);
        assertThat(comparison.stoppedEarly()).isFalse();
    }

    @Test
    void aBudgetTooShortForTwoRunsOfEachIsAnError() {
        MutableClock clock = new MutableClock();
        Supplier<List<Measurement>> slowTrunk = () -> {
            clock.advance(Duration.ofMinutes(10));
            return build("A", 100, 50).get();
        };

        assertThatThrownBy(() -> new PerfRun(PerfSettings.defaults().withTimeBudget(Duration.ofMinutes(5)), clock)
                .compare(slowTrunk, build("B", 100, 50), PerfProgress.NONE))
                .isInstanceOf(PerfException.RunFailed.class)
                .hasMessageContaining("allowed 1 run(s) of each build");
    }

    @Test
    void aMetricOnlyOneBuildPrintsGetsNoVerdictButIsListed() {
        Supplier<List<Measurement>> release = () -> {
            List<Measurement> printed = new ArrayList<>(build("B", 100, 50).get());
            printed.add(new Measurement("cold-start", 900, "ms"));
            return printed;
        };

        PerfComparison comparison = new PerfRun(PerfSettings.defaults()).compare(build("A", 100, 50), release, PerfProgress.NONE);

        assertThat(comparison.verdicts()).containsOnlyKeys("render", "throughput");
        assertThat(comparison.unmatched()).containsExactly("cold-start");
    }

    @Test
    void anOverrideAcceptsARegressionAndKeepsWhoAndWhy() {
        PerfComparison comparison = new PerfRun(PerfSettings.defaults())
                .compare(build("A", 100, 50), build("B", 110, 50), PerfProgress.NONE);

        PerfComparison accepted = comparison.withOverride(new PerfOverride("render", "rel-eng", "new ranking, approved by feed team"));

        Verdict render = accepted.verdicts().get("render");
        assertThat(render.accepted()).isTrue();
        assertThat(render.blocking()).isFalse();
        assertThat(render.override().reason()).isEqualTo("new ranking, approved by feed team");
        assertThat(accepted.regressed()).isFalse();
        assertThat(render.summary()).endsWith("(accepted by rel-eng: new ranking, approved by feed team)");
        assertThat(comparison.regressed()).as("the original is unchanged").isTrue();
    }

    @Test
    void onlyARegressionCanBeAcceptedAndOnlyWithAReason() {
        PerfComparison comparison = new PerfRun(PerfSettings.defaults())
                .compare(build("A", 100, 50), build("B", 110, 50), PerfProgress.NONE);

        assertThatThrownBy(() -> comparison.withOverride(new PerfOverride("throughput", "rel-eng", "fine")))
                .isInstanceOf(PerfException.class).hasMessageContaining("throughput did not regress (NO_CHANGE)");
        assertThatThrownBy(() -> comparison.withOverride(new PerfOverride("latency", "rel-eng", "fine")))
                .isInstanceOf(PerfException.class).hasMessageContaining("no metric latency");
        assertThatThrownBy(() -> new PerfOverride("render", "rel-eng", " "))
                .isInstanceOf(PerfException.class).hasMessageContaining("why");
    }

    @Test
    void aFivePercentSlowdownOnADriftingMachineIsFlagged() {
        int[] run = { 0 };
        PerfComparison comparison = new PerfRun(PerfSettings.defaults())
                .compare(drifting("A", 100, run), drifting("B", 105, run), this::record);

        assertThat(comparison.verdicts().get("render").kind()).isEqualTo(Kind.REGRESSION);
    }

    @Test
    void anUnchangedBuildOnADriftingMachineIsNotFlagged() {
        int[] run = { 0 };
        PerfComparison comparison = new PerfRun(PerfSettings.defaults())
                .compare(drifting("A", 100, run), drifting("B", 100, run), this::record);

        assertThat(comparison.verdicts().get("render").kind()).isEqualTo(Kind.NO_CHANGE);
    }

    @Test
    void aMetricMissingFromSomeRunIsJudgedUnpaired() {
        int[] releaseRuns = { 0 };
        Supplier<List<Measurement>> release = () -> {
            List<Measurement> printed = new ArrayList<>(build("B", 110, 50).get());
            if (releaseRuns[0]++ == 0) {
                printed.removeIf(m -> m.metric().equals("render")); // the first run lost its render line
            }
            return printed;
        };

        PerfComparison comparison = new PerfRun(PerfSettings.defaults()).compare(build("A", 100, 50), release, PerfProgress.NONE);

        Verdict render = comparison.verdicts().get("render");
        assertThat(render.runsB()).isEqualTo(render.runsA() - 1);
        assertThat(render.kind()).isEqualTo(Kind.REGRESSION);
    }

    /** A build printing {@code render} in ms with 2% noise on a machine that slows 0.25% per run of either build. */
    private Supplier<List<Measurement>> drifting(String name, double renderMs, int[] run) {
        return () -> {
            order.add(name);
            return List.of(new Measurement("render", renderMs * factor() * (1 + 0.0025 * run[0]++), "ms"));
        };
    }

    /** A build printing a time ({@code render}, ms) and a rate ({@code throughput}, ops/s) with 2% noise. */
    private Supplier<List<Measurement>> build(String name, double renderMs, double opsPerSecond) {
        return () -> {
            order.add(name);
            return List.of(new Measurement("render", renderMs * factor(), "ms"),
                    new Measurement("throughput", opsPerSecond * factor(), "ops/s"));
        };
    }

    private double factor() {
        return Math.exp(0.02 * noise.nextGaussian());
    }

    private void record(int done, int planned) {
        progress.add(done + "/" + planned);
    }

    /** A clock the benchmark moves. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-04T11:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
