package io.pushtrain.dashboard.queue;

import java.time.Instant;
import java.util.List;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QueueFilterTests {

    static final List<QueueRow> QUEUE = List.of(
            row(1, "dana", PickState.REQUESTED, 12, 0, "LOW", 5),
            row(2, "eve", PickState.APPROVED, 640, 25, "HIGH", 2),
            row(3, "frank", PickState.CONFIRMED, 130, 3, "MEDIUM", 4),
            row(4, "eve", PickState.DEFERRED, 2, 9, "LOW", 2));

    @ParameterizedTest(name = "state={0} risk={1} requester={2} sort={3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "-         | -      | -   | -          | 1,2,3,4",
            "''        | ''     | ''  | nonsense   | 1,2,3,4",
            "APPROVED  | -      | -   | -          | 2",
            "-         | LOW    | -   | -          | 1,4",
            "-         | -      | EV  | -          | 2,4",
            "-         | -      | -   | risk       | 2,3,1,4",
            "-         | -      | -   | size       | 2,3,1,4",
            "-         | -      | -   | discussion | 2,4,3,1",
            "-         | -      | -   | stars      | 2,4,3,1",
            "-         | -      | -   | requester  | 1,2,4,3",
            "DEFERRED  | LOW    | eve | risk       | 4" })
    void filtersThenSortsWithRequestOrderBreakingTies(String state, String risk, String requester, String sort,
            String expected) {
        List<Long> ids = new QueueFilter(state, risk, requester, sort).apply(QUEUE).stream()
            .map(r -> r.pick().id()).toList();
        assertThat(ids).containsExactlyElementsOf(List.of(expected.split(",")).stream().map(Long::valueOf).toList());
    }

    private static QueueRow row(long id, String requester, PickState state, int lines, int discussion, String risk,
            int stars) {
        return new QueueRow(new PickView(id, 1, "%040d".formatted(id), "subject " + id, "needed", requester, state, 1,
                lines, discussion, risk, "why", Instant.EPOCH, null, null, null, null, List.of(), null, List.of(), null,
                state == PickState.CONFLICT, null, null),
                stars, null);
    }
}
