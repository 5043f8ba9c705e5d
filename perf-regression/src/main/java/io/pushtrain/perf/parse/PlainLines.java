package io.pushtrain.perf.parse;

import java.util.ArrayList;
import java.util.List;

import io.pushtrain.perf.Measurement;
import io.pushtrain.perf.PerfException;

/**
 * Reads {@code name value unit} lines, the simplest thing a benchmark script can print:
 * {@code startup.ms 1834 ms}. Blank lines and lines starting with {@code #} or {@code //} are skipped.
 */
public final class PlainLines {

    private PlainLines() {
    }

    public static List<Measurement> parse(String text) {
        List<Measurement> measurements = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("//")) {
                measurements.add(line(line, i + 1));
            }
        }
        return measurements;
    }

    private static Measurement line(String line, int number) {
        String[] fields = line.split("\\s+", 3);
        if (fields.length < 2) {
            throw malformed(number, line, "expected 'name value unit'");
        }
        double value;
        try {
            value = Double.parseDouble(fields[1].replace("_", ""));
        } catch (NumberFormatException e) {
            throw malformed(number, line, "'" + fields[1] + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw malformed(number, line, "'" + fields[1] + "' is not a finite number");
        }
        return new Measurement(fields[0], value, fields.length == 3 ? fields[2] : "");
    }

    private static PerfException.Malformed malformed(int number, String line, String why) {
        return new PerfException.Malformed("line " + number + ": " + why + ", found: " + line);
    }
}
