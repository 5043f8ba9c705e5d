package io.pushtrain.train;

import java.time.Instant;
import java.util.List;

import io.pushtrain.perf.Verdict.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PerfWordsTests {

    /** Measured before: the step read "NO_CHANGE +22.1% [-3.0% .. +40.2%] p=0.3877, 12+12 runs, median 6810 -> 6683 us". */
    @Test
    void noChangeSaysWhatWasComparedHowOftenAndThatTheRunsDidNotAgree() {
        String words = PerfWords.of(comparison(true, verdict(Kind.NO_CHANGE, 0.221, -0.03, 0.402, 0.3877, "us")));
        assertThat(words)
            .startsWith("Compared the candidate with 2 picks (bbbbbbbbbb) against the branch the hosts run (aaaaaaaaaa): "
                    + "12 runs of each, side by side, stopped early because every verdict was settled.")
            .contains("login_ms: no change. The candidate's median was 6683 us against 6810 us")
            .contains("in the middle pair it took 22.1% more (slower)")
            .contains("the runs did not agree on a direction (p = 0.39; a change needs p below 0.01), so the difference is noise")
            .doesNotContain("NO_CHANGE").doesNotContain("->");
    }

    @Test
    void noChangeThatIsRealButSmallSaysItIsUnderTheThreshold() {
        String words = PerfWords.of(comparison(false, verdict(Kind.NO_CHANGE, 0.013, 0.004, 0.022, 0.002, "ms")));
        assertThat(words).contains("until it had used every run and all the time it may.")
            .contains("that is smaller than the 3% threshold that counts as a change");
    }

    @Test
    void noChangeWhoseIntervalCrossesZeroSaysSo() {
        assertThat(PerfWords.of(comparison(true, verdict(Kind.NO_CHANGE, 0.05, -0.01, 0.09, 0.002, "ms"))))
            .contains("its 95% interval (between -1.0% and +9.0% with 95% confidence) includes no change at all");
    }

    @Test
    void aRegressionSaysWorseBeyondTheThresholdAndARateThatFellIsSlower() {
        assertThat(PerfWords.of(comparison(true, verdict(Kind.REGRESSION, 0.107, 0.079, 0.111, 0.0005, "ms"))))
            .contains("login_ms: worse. In the middle pair it took 10.7% more (slower) (between +7.9% and +11.1% "
                    + "with 95% confidence), beyond the 3% threshold, and the runs agree (p = 0.0005)");
        assertThat(PerfWords.of(comparison(true, verdict(Kind.IMPROVEMENT, 0.08, 0.05, 0.1, 0.0005, "ops/s"))))
            .contains("login_ms: better. In the middle pair it did 8% more (faster)");
    }

    private static PerfComparisonView comparison(boolean early, PerfComparisonView.MetricVerdict verdict) {
        return new PerfComparisonView(1, 7, "a".repeat(40), "b".repeat(40), List.of(3L, 4L), 24, early,
                verdict.kind() == Kind.REGRESSION, 0.03, Instant.EPOCH, List.of(verdict));
    }

    private static PerfComparisonView.MetricVerdict verdict(Kind kind, double effect, double low, double high,
            double p, String unit) {
        return new PerfComparisonView.MetricVerdict("login_ms", unit, kind, effect, low, high, p, 6810, 6683, 12, 12,
                null, null);
    }
}
