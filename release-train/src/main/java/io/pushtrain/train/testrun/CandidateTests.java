package io.pushtrain.train.testrun;

import java.util.List;

import io.pushtrain.train.pick.PickEntity;

import org.eclipse.jgit.lib.ObjectId;

/**
 * What the test step asks of the tests: the outcome of one candidate commit, asked for once and
 * read back until it has finished. Shards in the database in the server; a rule in unit tests.
 */
interface CandidateTests {

    /** The outcome of testing {@code commit}, asking for the run if nobody has yet. */
    Outcome of(long pushId, ObjectId commit, List<PickEntity> picks);

    /** How many shard runs of this push have finished, and how many were asked for. */
    int[] counts(long pushId);

    /** Every shard of a candidate together: still running, passed, or broken with these tests. */
    record Outcome(boolean finished, List<String> broken, List<String> flaky, int tests, int shardsDone,
            int shards) {

        boolean failed() {
            return finished && !broken.isEmpty();
        }
    }
}
