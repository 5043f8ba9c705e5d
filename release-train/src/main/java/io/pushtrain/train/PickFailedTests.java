package io.pushtrain.train;

import java.util.List;

/** Published when bisection found that a pick broke these tests; the push goes on without it. */
public record PickFailedTests(long push, long pick, String requester, String commit, List<String> tests) {
}
