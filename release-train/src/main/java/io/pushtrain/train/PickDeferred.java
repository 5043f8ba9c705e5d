package io.pushtrain.train;

/** Published when a requester did not confirm in time: the pick waits for the next push. */
public record PickDeferred(long push, long pick, String requester, String commit) {
}
