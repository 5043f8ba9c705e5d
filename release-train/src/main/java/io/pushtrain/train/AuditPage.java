package io.pushtrain.train;

import java.util.List;

/** One page of the audit log, newest first; {@code nextBefore} asks for the next page, null on the last. */
public record AuditPage(List<AuditEntry> entries, Long nextBefore) {
}
