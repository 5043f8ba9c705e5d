package io.pushtrain.train;

import java.time.Instant;
import java.util.List;

/** A push as the API and front-ends see it, with its steps and the picks it took. */
public record PushView(long id, long train, String branch, PushKind kind, PushState state, String requestedBy,
        Instant createdAt, Instant endedAt, Instant presenceDeadline, int progress, List<StepView> steps,
        List<PushPickView> picks, String baseCommit, String headCommit, Artifact artifact, String detail,
        String emergencyReason) {

    /** An emergency push: only the named picks, without the presence wait. */
    public boolean emergency() {
        return kind == PushKind.EMERGENCY;
    }

    /** What a pick became in this push. */
    public record PushPickView(long id, String commit, String requester, PickState state, String pickedCommit,
            List<String> conflictingPaths, String detail) {
    }

    /** The binary the push built. */
    public record Artifact(String path, String sha256, long size) {
    }
}
