package io.pushtrain.train.trunk;

import org.eclipse.jgit.lib.AnyObjectId;

/**
 * The message of a picked commit, byte for byte what {@code git cherry-pick -x} writes
 * (git 2.39, sequencer.c): the original message, a blank line unless it already ends with
 * a trailer block, then "(cherry picked from commit <sha>)", cleaned up the way git's
 * default "whitespace" cleanup does.
 */
final class PickMessage {

    static final String CHERRY_PICKED_PREFIX = "(cherry picked from commit ";

    private PickMessage() {
    }

    static String of(String original, AnyObjectId picked) {
        StringBuilder message = new StringBuilder(original);
        if (message.length() > 0 && message.charAt(message.length() - 1) != '\n') {
            message.append('\n');
        }
        // A trailer block (Signed-off-by:, Reviewed-by:, an earlier -x line) gets the
        // new line appended to it; anything else gets a paragraph of its own.
        if (!GitTrailers.endsWithTrailerBlock(message)) {
            message.append('\n');
        }
        message.append(CHERRY_PICKED_PREFIX).append(picked.name()).append(")\n");
        return stripSpace(message);
    }

    /**
     * The message of a backport landed for {@code original}: the backport's own message, with
     * the original's trailer added unless the backport already carries it ({@code git
     * cherry-pick -x} of the original, then resolved), so the branch names the original once.
     */
    static String ofBackport(String backportMessage, AnyObjectId original) {
        if (hasTrailerFor(backportMessage, original)) {
            return stripSpace(backportMessage);
        }
        return of(backportMessage, original);
    }

    /** Whether a line of the message is exactly the trailer {@code git cherry-pick -x} writes for {@code picked}. */
    static boolean hasTrailerFor(String message, AnyObjectId picked) {
        String trailer = CHERRY_PICKED_PREFIX + picked.name() + ")";
        return message.lines().anyMatch(line -> line.strip().equals(trailer));
    }

    /**
     * git's strbuf_stripspace without comment stripping: trailing whitespace goes, runs of
     * blank lines become one, leading and trailing blank lines go, every line ends in "\n".
     */
    static String stripSpace(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        int empties = 0;
        int start = 0;
        while (start < text.length()) {
            int end = indexOf(text, '\n', start);
            int contentEnd = end;
            while (contentEnd > start && GitTrailers.isSpace(text.charAt(contentEnd - 1))) {
                contentEnd--;
            }
            if (contentEnd > start) {
                if (empties > 0 && out.length() > 0) {
                    out.append('\n');
                }
                empties = 0;
                out.append(text, start, contentEnd).append('\n');
            } else {
                empties++;
            }
            start = end + 1;
        }
        return out.toString();
    }

    static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return text.length();
    }
}
