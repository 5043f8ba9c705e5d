package io.pushtrain.dashboard.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryChartTests {

    static final Instant FROM = Instant.parse("2026-11-01T09:30:00Z");
    static final Instant TO = Instant.parse("2026-11-08T09:30:00Z");

    @Test
    void everyDayOfThePeriodIsAPointAndPushesOfADayAddUp() {
        HistoryChart chart = HistoryChart.of(List.of(
                push("2026-11-04T16:00:00Z", 40, 9, 1, 1, 0),
                push("2026-11-04T11:00:00Z", 20, 5, 0, 0, 2),
                push("2026-11-06T11:00:00Z", 30, 12, 2, 0, 0)), FROM, TO);

        assertThat(chart.days()).hasSize(8).first().isEqualTo(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());
        assertThat(chart.merged()).containsExactly(0, 0, 0, 14, 0, 12, 0, 0);
        assertThat(chart.deferred()).containsExactly(0, 0, 0, 1, 0, 2, 0, 0);
        assertThat(chart.failed()).containsExactly(0, 0, 0, 2, 0, 0, 0, 0);
        assertThat(chart.medianMinutes()).containsExactly(null, null, null, 30.0, null, 30.0, null, null);
        assertThat(chart.json()).contains("\"merged\":[0, 0, 0, 14, 0, 12, 0, 0]")
            .contains("\"medianMinutes\":[null,null,null,30.0,null,30.0,null,null]");
    }

    @Test
    void aRunningPushCountsItsPicksButNotItsDuration() {
        PushSummary running = new PushSummary(1, 1, "release/2026-11-01", PushKind.PICKS, PushState.RUNNING, "rita",
                Instant.parse("2026-11-07T11:00:00Z"), null, 3, 1, 0, 0, 0);
        HistoryChart chart = HistoryChart.of(List.of(running), FROM, TO);
        assertThat(chart.merged().get(6)).isEqualTo(1);
        assertThat(chart.medianMinutes().get(6)).isNull();
    }

    private static PushSummary push(String start, int minutes, int merged, int deferred, int conflicted, int failed) {
        Instant at = Instant.parse(start);
        return new PushSummary(1, 1, "release/2026-11-01", PushKind.PICKS, PushState.DONE, "schedule", at,
                at.plus(Duration.ofMinutes(minutes)), merged + deferred + conflicted + failed, merged, deferred,
                conflicted, failed);
    }
}
