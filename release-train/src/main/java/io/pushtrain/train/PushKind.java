package io.pushtrain.train;

/** What a push ships. */
public enum PushKind {
    /** A daily push: the approved, confirmed cherry-picks onto the current train. */
    PICKS,
    /** The weekly release push: the train as cut, no picks. */
    RELEASE,
    /** Only the picks the release engineer named, without the presence wait; it starts on a frozen train too. */
    EMERGENCY
}
