package io.pushtrain.train;

/** Published when a pick landed on the release branch. */
public record PickMerged(long push, long pick, String requester, String commit, String pickedCommit) {
}
