package io.pushtrain.train;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * What became of one pick in a past push. A commit deferred in one push and listed again in a
 * later push of the same train is the same request, as when pushtrain defers it.
 *
 * @param commit the trunk commit (sha or unambiguous prefix)
 * @param outcome {@code SHIPPED} (or {@code MERGED}: a done push ships what it merged),
 *     {@code DEFERRED}, {@code CONFLICT}, {@code FAILED_TESTS}, {@code PERF_REGRESSION} or
 *     {@code REFUSED_KARMA}
 * @param requestedAt when it was requested; null means when the push started
 */
public record PastPick(String requester, String commit, String reason, PickState outcome, Instant requestedAt) {

    /** What a push can make of a pick. */
    public static final Set<PickState> OUTCOMES = EnumSet.of(PickState.MERGED, PickState.TESTED, PickState.SHIPPED,
            PickState.DEFERRED, PickState.CONFLICT, PickState.FAILED_TESTS, PickState.PERF_REGRESSION,
            PickState.REFUSED_KARMA);

    public PastPick {
        if (requester == null || requester.isBlank()) {
            throw new TrainException.Invalid("say who requested the pick of " + commit);
        }
        if (commit == null || commit.isBlank()) {
            throw new TrainException.Invalid("say which commit " + requester + " asked to pick");
        }
        if (reason == null || reason.isBlank()) {
            throw new TrainException.Invalid("say why " + requester + " asked to pick " + commit + " (a reason)");
        }
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            throw new TrainException.Invalid("the outcome of " + commit + " in a push is one of " + OUTCOMES
                    + ", not " + outcome);
        }
        commit = commit.strip();
        reason = reason.strip();
    }

    public PastPick(String requester, String commit, String reason, PickState outcome) {
        this(requester, commit, reason, outcome, null);
    }
}
