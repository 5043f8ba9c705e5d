package io.pushtrain.train.testrun;

import java.util.List;

/**
 * What one shard's test commands said: how many tests ran, which failed twice (broken), which
 * failed once and passed when run again (flaky), each suite's seconds, and where the log is.
 */
record ShardResult(int tests, List<String> broken, List<String> flaky, String timings, String detail, String log) {

    ShardResult {
        broken = List.copyOf(broken);
        flaky = List.copyOf(flaky);
    }
}
