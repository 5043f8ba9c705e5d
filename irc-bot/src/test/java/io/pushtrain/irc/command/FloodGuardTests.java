package io.pushtrain.irc.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.pushtrain.irc.command.FloodGuard.Verdict.DROP;
import static io.pushtrain.irc.command.FloodGuard.Verdict.RUN;
import static io.pushtrain.irc.command.FloodGuard.Verdict.WARN;
import static org.assertj.core.api.Assertions.assertThat;

class FloodGuardTests {

    private static final long SECOND = 1_000_000_000L;

    private final FloodGuard guard = new FloodGuard(5, Duration.ofSeconds(10));

    @Test
    void fiveCommandsRunTheSixthIsWarnedOnceAndTheRestAreDropped() {
        List<FloodGuard.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            verdicts.add(guard.admit("dana", 0));
        }
        assertThat(verdicts).containsExactly(RUN, RUN, RUN, RUN, RUN, WARN, DROP, DROP, DROP);
    }

    @Test
    void theBucketRefillsOneCommandEveryTwoSecondsAndWarnsAgainAfterwards() {
        for (int i = 0; i < 6; i++) {
            guard.admit("dana", 0);
        }
        assertThat(guard.admit("dana", SECOND)).isEqualTo(DROP);
        assertThat(guard.admit("dana", 2 * SECOND)).isEqualTo(RUN);
        assertThat(guard.admit("dana", 2 * SECOND)).isEqualTo(WARN);
        assertThat(guard.admit("dana", 60 * SECOND)).isEqualTo(RUN);
    }

    @Test
    void eachNickHasItsOwnBucketWhateverTheCase() {
        for (int i = 0; i < 5; i++) {
            guard.admit("Dana", 0);
        }
        assertThat(guard.admit("dana", 0)).isEqualTo(WARN);
        assertThat(guard.admit("eve", 0)).isEqualTo(RUN);
    }
}
