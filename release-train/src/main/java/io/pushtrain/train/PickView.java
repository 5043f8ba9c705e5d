package io.pushtrain.train;

import java.time.Instant;
import java.util.List;

/**
 * A pick request as the API and front-ends see it.
 *
 * @param failedTests the tests this pick broke, when it is FAILED_TESTS
 * @param perfOverride who accepted its perf regression and why, or null
 */
public record PickView(long id, long train, String commit, String subject, String reason, String requester,
        PickState state, int filesChanged, int linesChanged, int discussion, String risk, String riskReason,
        Instant requestedAt, String decidedBy, String decisionReason, Long push, String pickedCommit,
        List<String> conflictingPaths, String detail, List<String> failedTests, String perfOverride) {
}
