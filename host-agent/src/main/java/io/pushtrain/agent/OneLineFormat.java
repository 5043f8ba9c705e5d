package io.pushtrain.agent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per event on stderr, {@code 2026-11-25T15:02:11.042Z INFO [host-1] switched current to b42}. */
public final class OneLineFormat extends Formatter {

    // JUL holds loggers weakly: without this reference the level set below would be collected with it.
    private static final Logger TTORRENT = Logger.getLogger("com.turn.ttorrent");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * Replaces the root logger's handlers with one stderr handler in this format. The BitTorrent
     * library (ttorrent, through SLF4J) is quiet but for errors: its warnings are about peers that
     * come and go and ports already taken, and what matters the agent reports itself. To see them:
     * {@code java -Dpushtrain.ttorrent.level=INFO -jar host-agent.jar ...}.
     */
    public static void install() {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormat());
        console.setLevel(Level.ALL);
        root.addHandler(console);
        root.setLevel(Level.INFO);
        Level ttorrent;
        try {
            ttorrent = Level.parse(System.getProperty("pushtrain.ttorrent.level", "SEVERE"));
        } catch (IllegalArgumentException e) {
            ttorrent = Level.SEVERE;
        }
        TTORRENT.setLevel(ttorrent);
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(TIME.format(Instant.ofEpochMilli(record.getMillis()))).append(' ')
                .append(record.getLevel().getName()).append(' ');
        if (!record.getLoggerName().startsWith("io.pushtrain")) {
            line.append(record.getLoggerName(), record.getLoggerName().lastIndexOf('.') + 1,
                    record.getLoggerName().length()).append(": ");
        }
        line.append(formatMessage(record));
        if (record.getThrown() != null) {
            // An operator reads this: the exception's message, never a stack trace.
            line.append(" (").append(record.getThrown()).append(')');
        }
        return line.append(System.lineSeparator()).toString();
    }
}
