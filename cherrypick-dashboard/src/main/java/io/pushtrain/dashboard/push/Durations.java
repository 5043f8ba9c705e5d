package io.pushtrain.dashboard.push;

import java.time.Duration;

/** Durations the way a person says them: 45 s, 3 min 20 s, 1 h 5 min. */
public final class Durations {

    private Durations() {
    }

    public static String words(Duration duration) {
        if (duration == null) {
            return "";
        }
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
}
