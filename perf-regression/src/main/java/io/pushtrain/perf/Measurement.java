package io.pushtrain.perf;

/**
 * One number a benchmark run printed: {@code Measurement("json.parse", 1234.5, "ops/s")}.
 *
 * @param metric the benchmark's name, with its JMH parameters when it has some
 * @param value the score of this run
 * @param unit as the benchmark printed it; it decides which way is better ({@link Direction#ofUnit})
 */
public record Measurement(String metric, double value, String unit) {

    public Measurement {
        if (metric == null || metric.isBlank()) {
            throw new PerfException.Malformed("a measurement needs a metric name");
        }
        if (!Double.isFinite(value)) {
            throw new PerfException.Malformed(metric + " has no finite value: " + value);
        }
        unit = unit == null ? "" : unit.strip();
    }

    /** Which way is better for this measurement, read from its unit. */
    public Direction direction() {
        return Direction.ofUnit(unit);
    }
}
