package io.pushtrain.train;

import java.time.Instant;
import java.util.List;

/**
 * A pick request as the API and front-ends see it.
 *
 * @param failedTests the tests this pick broke, when it is FAILED_TESTS
 * @param perfOverride who accepted its perf regression and why, or null
 * @param needsBackport it is in CONFLICT: {@code conflictingPaths} did not apply, and only a backport
 *     (a resolved commit on top of the release branch) takes it further
 * @param backport the resolved commit the train lands in place of {@code commit}, or null
 * @param backportBy who supplied the backport, or null
 */
public record PickView(long id, long train, String commit, String subject, String reason, String requester,
        PickState state, int filesChanged, int linesChanged, int discussion, String risk, String riskReason,
        Instant requestedAt, String decidedBy, String decisionReason, Long push, String pickedCommit,
        List<String> conflictingPaths, String detail, List<String> failedTests, String perfOverride,
        boolean needsBackport, String backport, String backportBy) {
}
