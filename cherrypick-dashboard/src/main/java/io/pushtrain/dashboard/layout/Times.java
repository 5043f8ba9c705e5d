package io.pushtrain.dashboard.layout;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the pages print them, in UTC like the logs and the API; the browser shows its own zone in tooltips. */
public final class Times {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM").withZone(ZoneOffset.UTC);

    public String at(Instant instant) {
        return instant == null ? "" : AT.format(instant);
    }

    public String clock(Instant instant) {
        return instant == null ? "" : CLOCK.format(instant) + " UTC";
    }

    public String day(Instant instant) {
        return instant == null ? "" : DAY.format(instant);
    }
}
