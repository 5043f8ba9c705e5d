package io.pushtrain.train;

import java.time.Instant;
import java.util.List;

/**
 * One shard of the tests run on one candidate of a push: the full batch, or a prefix of it while
 * bisecting for the pick that broke a test.
 *
 * @param commit the candidate branch head that was tested
 * @param picks the ids of the picks that candidate holds
 * @param broken tests that failed, and failed again when run once more
 * @param flaky tests that failed once and passed when run again: reported, not blocking
 */
public record TestRunView(long push, String commit, List<Long> picks, int shard, int shards, TestRunState state,
        int tests, List<String> broken, List<String> flaky, Instant createdAt, Instant startedAt, Instant endedAt,
        String detail) {
}
