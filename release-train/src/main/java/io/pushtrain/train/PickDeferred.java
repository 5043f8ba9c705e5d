package io.pushtrain.train;

/**
 * Published when a requester did not confirm in time, or the release engineer skipped them: the
 * pick waits for the next push.
 *
 * @param skippedBy the release engineer who skipped the requester; null when the deadline passed
 */
public record PickDeferred(long push, long pick, String requester, String commit, String skippedBy) {
}
