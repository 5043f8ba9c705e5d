package io.pushtrain.train.push;

import io.pushtrain.train.PushKind;

/** The push a step runs for. */
public record PushRun(long id, long train, String branch, PushKind kind) {
}
