package io.pushtrain.train;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static io.pushtrain.train.PickState.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The pick's transitions, as a table: every pair not listed here is refused. */
class PickStateTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "REQUESTED, APPROVED", "REQUESTED, REJECTED", "REQUESTED, WITHDRAWN", "REQUESTED, REFUSED_KARMA",
        "APPROVED, CONFIRMED", "APPROVED, DEFERRED", "APPROVED, REJECTED", "APPROVED, WITHDRAWN", "APPROVED, REFUSED_KARMA",
        "CONFIRMED, MERGED", "CONFIRMED, CONFLICT", "CONFIRMED, APPROVED", "CONFIRMED, REJECTED", "CONFIRMED, WITHDRAWN", "CONFIRMED, REFUSED_KARMA",
        "DEFERRED, CONFIRMED", "DEFERRED, APPROVED", "DEFERRED, REJECTED", "DEFERRED, WITHDRAWN", "DEFERRED, REFUSED_KARMA",
        "MERGED, TESTED", "MERGED, SHIPPED", "MERGED, FAILED_TESTS", "MERGED, PERF_REGRESSION", "MERGED, CONFLICT",
        "MERGED, APPROVED", "TESTED, SHIPPED", "TESTED, PERF_REGRESSION", "TESTED, CONFLICT", "TESTED, APPROVED", "PERF_REGRESSION, APPROVED",
        "CONFLICT, APPROVED" })
    void allowedTransition(PickState from, PickState to) {
        assertThat(from.canMoveTo(to)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PickState.class)
    void everyOtherTransitionIsRefused(PickState from) {
        Set<PickState> allowed = switch (from) {
            case REQUESTED -> EnumSet.of(APPROVED, REJECTED, WITHDRAWN, REFUSED_KARMA);
            case APPROVED -> EnumSet.of(CONFIRMED, DEFERRED, REJECTED, WITHDRAWN, REFUSED_KARMA);
            case CONFIRMED -> EnumSet.of(MERGED, CONFLICT, APPROVED, REJECTED, WITHDRAWN, REFUSED_KARMA);
            case DEFERRED -> EnumSet.of(CONFIRMED, APPROVED, REJECTED, WITHDRAWN, REFUSED_KARMA);
            case MERGED -> EnumSet.of(TESTED, SHIPPED, FAILED_TESTS, PERF_REGRESSION, CONFLICT, APPROVED);
            case TESTED -> EnumSet.of(SHIPPED, PERF_REGRESSION, CONFLICT, APPROVED);
            case PERF_REGRESSION, CONFLICT -> EnumSet.of(APPROVED);
            default -> EnumSet.noneOf(PickState.class);
        };
        for (PickState to : PickState.values()) {
            assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(allowed.contains(to));
        }
    }

    @ParameterizedTest
    @EnumSource(value = PickState.class, names = { "SHIPPED", "REJECTED", "WITHDRAWN", "FAILED_TESTS",
            "REFUSED_KARMA" })
    void endsGoNowhere(PickState end) {
        assertThat(PickState.values()).noneMatch(end::canMoveTo);
    }

    @ParameterizedTest
    @EnumSource(value = PickState.class, names = { "CONFIRMED", "MERGED", "TESTED" })
    void aPickInAPushThatDidNotShipCanGoBackToTheQueue(PickState inPush) {
        assertThat(inPush.canMoveTo(APPROVED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(PickState.class)
    void onlyAConflictNeedsABackport(PickState state) {
        assertThat(state.needsBackport()).isEqualTo(state == CONFLICT);
    }

    @ParameterizedTest
    @EnumSource(value = PickState.class, names = "CONFLICT")
    void aConflictOnlyQueuesAgainWithABackport(PickState conflicted) {
        assertThat(PickState.values()).filteredOn(conflicted::canMoveTo).containsExactly(APPROVED);
    }

    @ParameterizedTest
    @EnumSource(value = PickState.class, names = "PERF_REGRESSION")
    void aPerfRegressionOnlyQueuesAgainWhenTheReleaseEngineerAcceptsIt(PickState regressed) {
        assertThat(PickState.values()).filteredOn(regressed::canMoveTo).containsExactly(APPROVED);
    }
}
