package io.pushtrain.train;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A push that ended before pushtrain ran it: its kind, who started it, when it ran, how it
 * ended and what became of each pick it took (see {@link PastPick}).
 *
 * @param detail why it ended so (for a failed push, what failed); may be null
 */
public record PastPush(PushKind kind, String requestedBy, Instant startedAt, Instant endedAt, PushState state,
        String detail, List<PastPick> picks) {

    public PastPush {
        if (kind == null) {
            throw new TrainException.Invalid("say what the push shipped: PICKS or RELEASE");
        }
        if (startedAt == null || endedAt == null) {
            throw new TrainException.Invalid("say when the push started and when it ended");
        }
        if (!endedAt.isAfter(startedAt)) {
            throw new TrainException.Invalid("the push that started at " + startedAt + " must end after it started,"
                    + " not at " + endedAt);
        }
        if (state != PushState.DONE && state != PushState.FAILED) {
            throw new TrainException.Invalid("a past push ended DONE or FAILED, not " + state);
        }
        requestedBy = requestedBy == null || requestedBy.isBlank() ? "schedule" : requestedBy;
        picks = picks == null ? List.of() : List.copyOf(picks);
        if (kind == PushKind.RELEASE && !picks.isEmpty()) {
            throw new TrainException.Invalid("the weekly release push at " + startedAt
                    + " ships the train as cut: it takes no picks");
        }
        Set<String> commits = new HashSet<>();
        for (PastPick pick : picks) {
            if (!commits.add(pick.commit())) {
                throw new TrainException.Invalid("the push at " + startedAt + " took " + pick.commit()
                        + " twice: list each commit once per push");
            }
            if (state == PushState.FAILED && pick.outcome() == PickState.SHIPPED) {
                throw new TrainException.Invalid("the push at " + startedAt + " failed, so it shipped nothing: "
                        + pick.commit() + " cannot be SHIPPED (say MERGED if it was merged before the push failed)");
            }
        }
    }
}
