package io.pushtrain.benchmarks.history;

import java.util.List;

import org.eclipse.jgit.lib.ObjectId;

import io.pushtrain.train.trunk.PickStatus;

/** What one side made of a pick: its status, the tree when it landed, the conflicting paths, the time it took. */
record Verdict(PickStatus status, ObjectId tree, List<String> paths, long nanos) {

    /** git stopped for a reason that is neither a conflict nor an empty pick. */
    static Verdict failed(long nanos) {
        return new Verdict(null, null, List.of(), nanos);
    }
}
