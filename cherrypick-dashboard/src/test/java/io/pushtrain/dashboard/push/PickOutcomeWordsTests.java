package io.pushtrain.dashboard.push;

import java.util.List;

import io.pushtrain.train.PickState;
import io.pushtrain.train.PushView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PickOutcomeWordsTests {

    /** Seen before: a requester the release engineer skipped was said to have missed the deadline. */
    @Test
    void aSkippedRequesterIsToldWhoSkippedThemNotThatTheyMissedTheDeadline() {
        assertThat(PickOutcomeWords.why(deferred("skipped by rita in push 4: waits for the next push"), null))
            .isEqualTo("Skipped by rita in push 4: waits for the next push.");
        assertThat(PickOutcomeWords.why(deferred(null), null))
            .isEqualTo("omar did not confirm presence before the deadline; it waits for the next push.");
    }

    private static PushView.PushPickView deferred(String detail) {
        return new PushView.PushPickView(3, "e2ee36fecd", "omar", PickState.DEFERRED, null, List.of(), detail);
    }
}
