package io.pushtrain.perf;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class BenchmarkOutputTests {

    @Test
    void jmhJsonGivesOneMeasurementPerBenchmarkAndParameterSetFromItsScore() throws IOException {
        List<Measurement> measurements = BenchmarkOutput.parse(resource("/jmh/json-parse.json"));

        assertThat(measurements).extracting(Measurement::metric, Measurement::value, Measurement::unit, Measurement::direction)
                .containsExactly(
                        tuple("io.pushtrain.benchmarks.JsonJmh.parse:size=1000", 48213.77412345, "ops/s", Direction.HIGHER_IS_BETTER),
                        tuple("io.pushtrain.benchmarks.JsonJmh.parse:size=100000", 512.0931, "ops/s", Direction.HIGHER_IS_BETTER),
                        tuple("io.pushtrain.benchmarks.SinglePickJmh.pickTheLastTrunkCommitOntoItsParent", 93.1402, "ms/op",
                                Direction.LOWER_IS_BETTER));
    }

    @Test
    void theSameBenchmarkInTwoModesIsToldApartByTheMode() {
        String json = """
                [ {"benchmark": "b.X.run", "mode": "thrpt", "primaryMetric": {"score": 10.5, "scoreUnit": "ops/ms"}},
                  {"benchmark": "b.X.run", "mode": "avgt", "primaryMetric": {"score": 0.095, "scoreUnit": "ms/op"}} ]""";

        assertThat(BenchmarkOutput.parseJmhJson(json)).extracting(Measurement::metric).containsExactly("b.X.run", "b.X.run (avgt)");
    }

    @Test
    void plainLinesSkipBlanksAndCommentsAndKeepUnitsWithSpaces() {
        String printed = """
                # startup of the release binary, 3 warm-ups discarded
                startup.ms   1834.5  ms

                // memory after the index is loaded
                heap.after-index 412_000_000 bytes
                requests 5120.25 requests per second
                """;

        assertThat(BenchmarkOutput.parse(printed)).extracting(Measurement::metric, Measurement::value, Measurement::unit)
                .containsExactly(
                        tuple("startup.ms", 1834.5, "ms"),
                        tuple("heap.after-index", 412_000_000.0, "bytes"),
                        tuple("requests", 5120.25, "requests per second"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "startup.ms 1834 ms\\nstartup|line 2: expected 'name value unit', found: startup",
            "a 1 ms\\n\\nb fast ms|line 3: 'fast' is not a number, found: b fast ms",
            "a NaN ms|line 1: 'NaN' is not a finite number",
            "[ {\"benchmark\": \"x\"} ]|JMH result #1 needs \"benchmark\" and a numeric \"primaryMetric.score\"",
            "[ {\"benchmark\": \"x\",\\n  \"primaryMetric\": {\"score\": } } ]|JMH JSON does not parse at line 2",
            "# nothing measured|the benchmark printed no measurements" })
    void malformedOutputSaysWhereAndWhat(String printed, String message) {
        assertThatThrownBy(() -> BenchmarkOutput.parse(printed.replace("\\n", "\n")))
                .isInstanceOf(PerfException.Malformed.class)
                .hasMessageContaining(message);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = BenchmarkOutputTests.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
