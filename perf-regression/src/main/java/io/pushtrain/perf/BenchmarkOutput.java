package io.pushtrain.perf;

import java.util.List;

import io.pushtrain.perf.parse.JmhJson;
import io.pushtrain.perf.parse.PlainLines;

/** Reads what a benchmark command printed: JMH's JSON result file or {@code name value unit} lines. */
public final class BenchmarkOutput {

    private BenchmarkOutput() {
    }

    /** Either format, told apart by the first character: JMH's JSON is an array. */
    public static List<Measurement> parse(String text) {
        String body = text == null ? "" : text.strip();
        List<Measurement> measurements = body.startsWith("[") ? JmhJson.parse(body) : PlainLines.parse(body);
        if (measurements.isEmpty()) {
            throw new PerfException.Malformed("the benchmark printed no measurements: expected JMH JSON (-rf json) or 'name value unit' lines");
        }
        return measurements;
    }

    /** JMH's result file ({@code -rf json}). */
    public static List<Measurement> parseJmhJson(String json) {
        return JmhJson.parse(json);
    }

    /** {@code name value unit} lines. */
    public static List<Measurement> parseLines(String text) {
        return PlainLines.parse(text);
    }
}
