package io.pushtrain.train;

/**
 * Published when a pick request was accepted (or found to duplicate an open one).
 *
 * @param duplicate true when the request named a commit that already had an open request
 */
public record PickRequested(PickView pick, boolean duplicate) {
}
