package io.pushtrain.train;

import java.time.Instant;

/**
 * One entry of the audit log: who did what to which object, when, and why. {@code object} reads
 * like {@code pick 42}, {@code push 7} or {@code flag photos.composer}; {@code detail} says what
 * the action changed when its name alone does not (the requester skipped, the time added);
 * {@code reason} is the reason the actor gave, or null.
 */
public record AuditEntry(long id, Instant at, String actor, String action, String object, String detail,
        String reason) {

    /** The kind of the object: {@code pick} of {@code pick 42}. */
    public String objectKind() {
        int space = object.indexOf(' ');
        return space < 0 ? object : object.substring(0, space);
    }

    /** The object's name within its kind: {@code 42} of {@code pick 42}. */
    public String objectName() {
        int space = object.indexOf(' ');
        return space < 0 ? "" : object.substring(space + 1);
    }
}
