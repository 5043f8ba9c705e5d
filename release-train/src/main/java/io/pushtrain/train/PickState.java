package io.pushtrain.train;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a pick request is, from the request to the hosts; the transitions are all here.
 */
public enum PickState {
    REQUESTED, APPROVED, CONFIRMED, MERGED, TESTED, SHIPPED,
    REJECTED, WITHDRAWN, DEFERRED, CONFLICT, FAILED_TESTS, PERF_REGRESSION, REFUSED_KARMA;

    private static final Map<PickState, Set<PickState>> NEXT = Map.ofEntries(
            Map.entry(REQUESTED, EnumSet.of(APPROVED, REJECTED, WITHDRAWN, REFUSED_KARMA)),
            Map.entry(APPROVED, EnumSet.of(CONFIRMED, DEFERRED, REJECTED, WITHDRAWN, REFUSED_KARMA)),
            Map.entry(CONFIRMED, EnumSet.of(MERGED, CONFLICT, APPROVED, REJECTED, WITHDRAWN, REFUSED_KARMA)),
            Map.entry(DEFERRED, EnumSet.of(CONFIRMED, APPROVED, REJECTED, WITHDRAWN, REFUSED_KARMA)),
            // back to APPROVED: the push that held the pick failed or was cancelled before shipping it
            Map.entry(MERGED, EnumSet.of(TESTED, SHIPPED, FAILED_TESTS, PERF_REGRESSION, CONFLICT, APPROVED)),
            Map.entry(TESTED, EnumSet.of(SHIPPED, PERF_REGRESSION, CONFLICT, APPROVED)),
            Map.entry(SHIPPED, EnumSet.noneOf(PickState.class)),
            Map.entry(REJECTED, EnumSet.noneOf(PickState.class)),
            Map.entry(WITHDRAWN, EnumSet.noneOf(PickState.class)),
            // back to APPROVED: the requester supplied a backport, which the next push lands instead
            Map.entry(CONFLICT, EnumSet.of(APPROVED)),
            Map.entry(FAILED_TESTS, EnumSet.noneOf(PickState.class)),
            Map.entry(PERF_REGRESSION, EnumSet.of(APPROVED)),
            Map.entry(REFUSED_KARMA, EnumSet.noneOf(PickState.class)));

    public boolean canMoveTo(PickState next) {
        return NEXT.get(this).contains(next);
    }

    /** Still on its way to the hosts: counts as the open request for its commit. */
    public boolean isOpen() {
        return this != REJECTED && this != WITHDRAWN && this != CONFLICT && this != FAILED_TESTS
                && this != PERF_REGRESSION && this != REFUSED_KARMA;
    }

    /** Approved and not at an end yet: in the queue or in a push, on its way to the hosts. */
    public boolean isOnItsWay() {
        return this == APPROVED || this == CONFIRMED || this == DEFERRED || this == MERGED || this == TESTED;
    }

    /** Did not apply to the release branch: only a backport made on top of the branch takes it further. */
    public boolean needsBackport() {
        return this == CONFLICT;
    }

    /** Waiting for a push to take it. */
    public boolean isQueued() {
        return this == APPROVED || this == CONFIRMED || this == DEFERRED;
    }
}
