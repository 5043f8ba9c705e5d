package io.pushtrain.dashboard.audit;

import java.nio.charset.StandardCharsets;

import io.pushtrain.train.AuditEntry;

import org.springframework.web.util.UriUtils;

/** An audit entry as a row of the page, with the page of its object where the dashboard has one. */
public record AuditRow(AuditEntry entry) {

    /** The dashboard page that shows the object, or null when there is none (a token). */
    public String link() {
        String name = UriUtils.encodePathSegment(entry.objectName(), StandardCharsets.UTF_8);
        return switch (entry.objectKind()) {
            case "pick" -> "/picks/" + name + "/diff";
            case "push" -> "/pushes/" + name;
            case "flag" -> "/flags/" + name;
            case "user" -> "/karma#person-" + name;
            case "train" -> "/history";
            case "rollout", "host" -> "/distribution";
            default -> null;
        };
    }
}
