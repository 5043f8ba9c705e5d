package io.pushtrain.train.push;

import java.time.Instant;
import java.util.List;

import io.pushtrain.train.trunk.BatchResult;
import io.pushtrain.train.trunk.Pick;

import org.eclipse.jgit.lib.ObjectId;

/**
 * Cherry-picks a batch onto a base in memory. Commits carry the push's time {@code at}, so
 * computing a batch again after a crash makes the same ids.
 */
public interface CandidatePicker {

    BatchResult pick(ObjectId base, List<Pick> picks, Instant at);
}
