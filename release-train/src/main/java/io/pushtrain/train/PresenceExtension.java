package io.pushtrain.train;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much longer a push waits for presence, as a release engineer writes it: {@code 10m},
 * {@code 90s}, {@code 1h}, or ISO-8601 ({@code PT10M}). From one second to twelve hours.
 */
public record PresenceExtension(Duration by) {

    public static final Duration LONGEST = Duration.ofHours(12);

    private static final Pattern SHORT = Pattern.compile("([0-9]{1,6})\\s*(s|m|h)");

    public PresenceExtension {
        if (by.compareTo(Duration.ofSeconds(1)) < 0 || by.compareTo(LONGEST) > 0) {
            throw new TrainException.Invalid("extend the presence wait by one second to 12 hours, not " + words(by));
        }
    }

    /** Reads "10m", "90s", "1h" or "PT10M"; a person-readable refusal otherwise. */
    public static PresenceExtension parse(String text) {
        if (text == null || text.isBlank()) {
            throw new TrainException.Invalid("say how much longer to wait: \"by\": \"10m\" (s, m or h; or ISO-8601 like PT10M)");
        }
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT.matcher(value);
        if (shortForm.matches()) {
            long n = Long.parseLong(shortForm.group(1));
            return new PresenceExtension(switch (shortForm.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        try {
            return new PresenceExtension(Duration.parse(value.toUpperCase(Locale.ROOT)));
        }
        catch (DateTimeParseException notIso) {
            throw new TrainException.Invalid("\"" + (text.length() > 20 ? text.substring(0, 20) + "…" : text)
                    + "\" is not a duration: write 10m, 90s, 1h, or ISO-8601 like PT10M");
        }
    }

    /** "10 min", "90 s", "1 h 30 min": how the answer says it. */
    public String words() {
        return words(by);
    }

    private static String words(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return d.isZero() ? "nothing" : "a negative time";
        }
        long h = d.toHours();
        long m = d.toMinutesPart();
        long s = d.toSecondsPart();
        StringBuilder out = new StringBuilder();
        if (h > 0) {
            out.append(h).append(" h ");
        }
        if (m > 0) {
            out.append(m).append(" min ");
        }
        if (s > 0 || out.length() == 0) {
            out.append(s).append(" s");
        }
        return out.toString().strip();
    }
}
