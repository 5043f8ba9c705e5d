package io.pushtrain.train;

/**
 * Published when the release engineer approved or rejected a pick, or its requester withdrew it
 * or supplied a backport for it.
 */
public record PickDecided(PickView pick, String by) {
}
