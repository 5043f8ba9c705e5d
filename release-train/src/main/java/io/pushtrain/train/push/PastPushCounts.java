package io.pushtrain.train.push;

import java.util.Set;

/**
 * What became of the picks of a push that ran before pushtrain did: what each step says of itself
 * when history is recorded ({@link PushStep#recorded}).
 */
public record PastPushCounts(String branch, int taken, int refused, int merged, int conflicted, int shipped,
        Set<String> present, Set<String> absent) {

    public PastPushCounts {
        present = Set.copyOf(present);
        absent = Set.copyOf(absent);
    }

    /** The picks whose requesters did not show up. */
    public int deferred() {
        return taken - merged - conflicted;
    }
}
