package io.pushtrain.train.trunk;

/**
 * Whether a commit message ends with a trailer block, decided the way git's trailer.c
 * decides it (find_trailer_start, ignored_log_message_bytes), so that pushtrain puts the
 * "(cherry picked from commit ...)" line exactly where git would.
 */
final class GitTrailers {

    /** Trailers git itself writes; one of them lets a block be only 25% trailers. */
    private static final String[] GIT_GENERATED = { "Signed-off-by: ", PickMessage.CHERRY_PICKED_PREFIX };
    private static final char COMMENT = '#';

    private GitTrailers() {
    }

    static boolean endsWithTrailerBlock(CharSequence message) {
        String text = message.toString();
        int end = text.length() - ignoredTailLength(text);
        return trailerStart(text, end) != end;
    }

    /** Trailing comment lines, blank lines and an old "Conflicts:" block do not count as the message. */
    private static int ignoredTailLength(String text) {
        int commentsStart = -1;
        boolean inConflicts = false;
        for (int bol = 0; bol < text.length(); bol = nextLine(text, bol)) {
            char first = text.charAt(bol);
            if (first == COMMENT || first == '\n') {
                if (commentsStart < 0) {
                    commentsStart = bol;
                }
            } else if (text.startsWith("Conflicts:\n", bol)) {
                inConflicts = true;
                if (commentsStart < 0) {
                    commentsStart = bol;
                }
            } else if (inConflicts && first == '\t') {
                continue;
            } else if (commentsStart >= 0) {
                commentsStart = -1;
                inConflicts = false;
            }
        }
        return commentsStart >= 0 ? text.length() - commentsStart : 0;
    }

    /** Where the trailer block starts in text[0, len), or len when there is none. */
    private static int trailerStart(String text, int len) {
        int endOfTitle = endOfTitle(text, len);
        boolean onlySpaces = true;
        boolean recognizedPrefix = false;
        int trailerLines = 0;
        int nonTrailerLines = 0;
        int possibleContinuations = 0;
        for (int bol = lastLine(text, len); bol >= endOfTitle; bol = lastLine(text, bol)) {
            char first = text.charAt(bol);
            if (first == COMMENT) {
                nonTrailerLines += possibleContinuations;
                possibleContinuations = 0;
            } else if (isBlankLine(text, bol)) {
                if (onlySpaces) {
                    continue;
                }
                nonTrailerLines += possibleContinuations;
                boolean block = (recognizedPrefix && trailerLines * 3 >= nonTrailerLines)
                        || (trailerLines > 0 && nonTrailerLines == 0);
                return block ? nextLine(text, bol) : len;
            } else {
                onlySpaces = false;
                if (isGitGenerated(text, bol)) {
                    trailerLines++;
                    possibleContinuations = 0;
                    recognizedPrefix = true;
                } else if (separatorPosition(text, bol) >= 1 && !isSpace(first)) {
                    trailerLines++;
                    possibleContinuations = 0;
                } else if (isSpace(first)) {
                    possibleContinuations++;
                } else {
                    nonTrailerLines += 1 + possibleContinuations;
                    possibleContinuations = 0;
                }
            }
        }
        return len;
    }

    /** The first paragraph is the title and never holds trailers. */
    private static int endOfTitle(String text, int len) {
        int s = 0;
        while (s < len) {
            if (text.charAt(s) != COMMENT && isBlankLine(text, s)) {
                break;
            }
            s = nextLine(text, s);
        }
        return s;
    }

    private static boolean isGitGenerated(String text, int bol) {
        for (String prefix : GIT_GENERATED) {
            if (text.startsWith(prefix, bol)) {
                return true;
            }
        }
        return false;
    }

    /** git's find_separator for the default separator ':': "Token: value", "Token : value". */
    private static int separatorPosition(String text, int bol) {
        boolean whitespaceFound = false;
        for (int c = bol; c < text.length(); c++) {
            char ch = text.charAt(c);
            if (ch == ':') {
                return c - bol;
            }
            if (!whitespaceFound && (isAsciiAlnum(ch) || ch == '-')) {
                continue;
            }
            if (c != bol && (ch == ' ' || ch == '\t')) {
                whitespaceFound = true;
                continue;
            }
            break;
        }
        return -1;
    }

    /** The start of the line before position len; the character just before len belongs to it. */
    private static int lastLine(String text, int len) {
        if (len <= 0) {
            return -1;
        }
        for (int i = len - 2; i >= 0; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static int nextLine(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl + 1;
    }

    private static boolean isBlankLine(String text, int bol) {
        for (int i = bol; i < text.length() && text.charAt(i) != '\n'; i++) {
            if (!isSpace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** git's own isspace: locale-independent, only these four. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isAsciiAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
