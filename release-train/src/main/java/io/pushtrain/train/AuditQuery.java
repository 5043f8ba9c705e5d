package io.pushtrain.train;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * What to read from the audit log, every part optional: one actor's entries, one object's
 * ({@code pick 42}) or one kind's ({@code pick}), since a time; newest first, {@code limit} at a
 * time, the next page {@code before} the last id of this one.
 */
public record AuditQuery(String actor, String object, Instant since, Long before, int limit) {

    /** The most entries one page holds. */
    public static final int MAX_LIMIT = 500;

    public static final int DEFAULT_LIMIT = 50;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new TrainException.Invalid("limit is 1 to " + MAX_LIMIT + " entries, not " + limit);
        }
        actor = blankToNull(actor);
        object = blankToNull(object);
    }

    /**
     * Reads a {@code since} as people and scripts write it: an instant ({@code 2026-12-07T09:30:00Z}),
     * a time with an offset ({@code 2026-12-07T10:30:00+01:00}) or a day ({@code 2026-12-07}, from
     * its start in UTC); blank is no bound.
     */
    public static Instant since(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String since = text.strip();
        try {
            return since.length() == 10 ? LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(since).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw new TrainException.Invalid("since \"" + (since.length() > 40 ? since.substring(0, 40) + "…" : since)
                    + "\" is not a time: write 2026-12-07T09:30:00Z, 2026-12-07T10:30:00+01:00 or a day, 2026-12-07");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
