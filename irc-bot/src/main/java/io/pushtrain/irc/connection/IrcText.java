package io.pushtrain.irc.connection;

import java.nio.charset.StandardCharsets;

/**
 * Makes text safe to send as one IRC line: no control characters (a CR or LF from user input
 * would end the line and start a command of the sender's choosing), and no longer than the
 * line limit in UTF-8 bytes.
 */
public final class IrcText {

    private static final String ELLIPSIS = "…";

    private IrcText() {
    }

    /** The text on one line: control characters become spaces, runs of spaces one space. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(isControl(c) ? ' ' : c));
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    /** {@link #oneLine(String)}, cut to at most {@code maxBytes} UTF-8 bytes (ending in "…" when cut). */
    public static String line(String text, int maxBytes) {
        String line = oneLine(text);
        if (bytes(line) <= maxBytes) {
            return line;
        }
        int budget = maxBytes - bytes(ELLIPSIS);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (int i = 0; i < line.length();) {
            int c = line.codePointAt(i);
            int size = bytes(new String(Character.toChars(c)));
            if (used + size > budget) {
                break;
            }
            out.appendCodePoint(c);
            used += size;
            i += Character.charCount(c);
        }
        return out.toString().stripTrailing() + ELLIPSIS;
    }

    /** A user-given word echoed back in a reply: one line, and short. */
    public static String quote(String word, int maxChars) {
        String clean = oneLine(word);
        return clean.length() <= maxChars ? clean : clean.substring(0, maxChars) + ELLIPSIS;
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean isControl(int c) {
        // C0 and C1 controls (CR, LF, NUL, IRC colour codes), DEL, and the Unicode line and
        // paragraph separators that some clients render as a new line.
        return Character.getType(c) == Character.CONTROL || c == 0x2028 || c == 0x2029;
    }
}
