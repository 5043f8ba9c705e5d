package io.pushtrain.dashboard.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a risk reason (one long line from the karma service) into short sentences: at the
 * commas between its parts and after "so fixed guides decide:", never inside parentheses.
 */
final class RiskPoints {

    private RiskPoints() {
    }

    static List<String> of(String reason) {
        if (reason == null || reason.isBlank()) {
            return List.of();
        }
        List<String> points = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < reason.length(); i++) {
            char c = reason.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth == 0 && (c == ',' || c == ':') && i + 1 < reason.length() && reason.charAt(i + 1) == ' ') {
                add(points, reason.substring(start, i));
                start = i + 1;
            }
        }
        add(points, reason.substring(start));
        return points;
    }

    private static void add(List<String> points, String part) {
        String text = part.strip();
        if (text.isEmpty()) {
            return;
        }
        text = text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
        points.add(text.endsWith(".") ? text : text + ".");
    }
}
