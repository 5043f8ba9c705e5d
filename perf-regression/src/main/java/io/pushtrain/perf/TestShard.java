package io.pushtrain.perf;

import java.util.List;

/**
 * A share of the test suites for one node to run.
 *
 * @param index from 0
 * @param suites the suites to run, longest first
 * @param seconds their expected time from past runs
 */
public record TestShard(int index, List<String> suites, double seconds) {

    public TestShard {
        suites = List.copyOf(suites);
    }
}
