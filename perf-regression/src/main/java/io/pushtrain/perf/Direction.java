package io.pushtrain.perf;

import java.util.Locale;

/** Which way a metric is better: throughput up, or time and memory down. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    /**
     * Reads the unit the way JMH writes it: a rate ({@code ops/s}, {@code ops/ms}, {@code MB/s}) is
     * better higher; a cost per operation or an amount ({@code ns/op}, {@code ms}, {@code s},
     * {@code bytes}) is better lower. Unknown units count as costs, the cautious reading for a benchmark.
     */
    public static Direction ofUnit(String unit) {
        String u = unit == null ? "" : unit.strip().toLowerCase(Locale.ROOT);
        if (u.endsWith("/op")) {
            return LOWER_IS_BETTER;
        }
        boolean rate = u.matches(".*/(ns|us|µs|ms|s|sec|min|h)") || u.equals("ops") || u.equals("hz")
                || u.endsWith("per second") || u.endsWith("rps") || u.endsWith("qps");
        return rate ? HIGHER_IS_BETTER : LOWER_IS_BETTER;
    }

    /** +1 when a larger value is worse (a slowdown), -1 when a smaller one is worse. */
    int badSign() {
        return this == LOWER_IS_BETTER ? 1 : -1;
    }
}
