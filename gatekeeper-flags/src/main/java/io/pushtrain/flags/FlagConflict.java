package io.pushtrain.flags;

import java.time.Instant;
import java.util.List;

import io.pushtrain.gatekeeper.client.FlagException;

/** An edit based on a version that is no longer the current one; says who changed what since. */
public class FlagConflict extends FlagException {

    private final String flag;
    private final Long expectedVersion;
    private final Long currentVersion;
    private final String changedBy;
    private final Instant changedAt;
    private final List<String> changes;

    FlagConflict(String flag, Long expectedVersion, FlagVersion current, List<String> changes) {
        super(message(flag, expectedVersion, current, changes));
        this.flag = flag;
        this.expectedVersion = expectedVersion;
        this.currentVersion = current == null ? null : current.version();
        this.changedBy = current == null ? null : current.by();
        this.changedAt = current == null ? null : current.at();
        this.changes = List.copyOf(changes);
    }

    public String flag() {
        return flag;
    }

    public Long expectedVersion() {
        return expectedVersion;
    }

    /** The version to base a retry on; {@code null} when the flag does not exist. */
    public Long currentVersion() {
        return currentVersion;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }

    /** What differs between the version the edit was based on and the current one. */
    public List<String> changes() {
        return changes;
    }

    private static String message(String flag, Long expected, FlagVersion current, List<String> changes) {
        if (current == null) {
            return "Flag '" + flag + "' was changed by someone else while you edited it; reload it and try again.";
        }
        String what = changes.isEmpty() ? "" : ", changing " + String.join("; ", changes);
        String why = current.reason() == null || current.reason().isBlank() ? "" : " ('" + current.reason() + "')";
        String since = expected == null ? "while you edited it" : "since version " + expected;
        String state = current.deleted() ? " deleted it" : " made version " + current.version();
        return "Flag '" + flag + "' changed " + since + ": " + current.by() + state + " at " + current.at() + why + what
                + ". Reload it, reapply your edit and send version " + current.version() + ".";
    }
}
