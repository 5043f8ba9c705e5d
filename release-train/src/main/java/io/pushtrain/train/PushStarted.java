package io.pushtrain.train;

/** Published when a push was created and is about to run its first step. */
public record PushStarted(long push, long train, String branch, PushKind kind, String by) {
}
