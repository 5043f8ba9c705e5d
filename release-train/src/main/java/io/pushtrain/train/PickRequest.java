package io.pushtrain.train;

/**
 * A developer's request to cherry-pick a trunk commit into the current train.
 *
 * @param mainline for a merge commit, the parent (1-based) whose side is the mainline
 */
public record PickRequest(String commit, String reason, Integer mainline, String requester) {
}
