package io.pushtrain.dashboard.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Measured before: the whole reason was one paragraph in the queue's narrow risk column. */
class RiskPointsTests {

    @Test
    void aRankedReasonReadsAsOneSentencePerMeasure() {
        assertThat(RiskPoints.of("top 5% by size (812 lines in 14 files), top 10% by discussion (score 23), "
                + "against the last 40 picks")).containsExactly("Top 5% by size (812 lines in 14 files).",
                        "Top 10% by discussion (score 23).", "Against the last 40 picks.");
    }

    @Test
    void theGuidesReasonSaysWhyThenEachVerdict() {
        assertThat(RiskPoints.of("only 9 recent picks to compare with (20 needed), so fixed guides decide: "
                + "7 lines in 3 files is small, discussion score 0 is quiet")).containsExactly(
                        "Only 9 recent picks to compare with (20 needed).", "So fixed guides decide.",
                        "7 lines in 3 files is small.", "Discussion score 0 is quiet.");
    }

    @Test
    void noReasonIsNoPoints() {
        assertThat(RiskPoints.of(null)).isEmpty();
        assertThat(RiskPoints.of(" ")).isEmpty();
    }
}
