package io.pushtrain.perf.parse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import io.pushtrain.perf.Measurement;
import io.pushtrain.perf.PerfException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the result file JMH writes with {@code -rf json}: one measurement per benchmark and parameter set. */
public final class JmhJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JmhJson() {
    }

    /**
     * One run's scores. The score, not the iterations in {@code rawData}, is the sample: iterations of
     * one run share its JIT, heap and machine state, so counting them as independent runs would make
     * the statistics far too sure of themselves.
     */
    public static List<Measurement> parse(String json) {
        JsonNode root = read(json);
        if (!root.isArray()) {
            throw new PerfException.Malformed("JMH JSON must be an array of results (run JMH with -rf json), found " + root.getNodeType());
        }
        List<Measurement> measurements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < root.size(); i++) {
            Measurement m = result(root.get(i), i);
            // The same benchmark in two modes (-bm all) would collide; the mode tells them apart.
            if (!seen.add(m.metric())) {
                m = new Measurement(m.metric() + " (" + root.get(i).path("mode").asString("?") + ")", m.value(), m.unit());
                seen.add(m.metric());
            }
            measurements.add(m);
        }
        return measurements;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new PerfException.Malformed("JMH JSON does not parse at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static Measurement result(JsonNode result, int index) {
        String benchmark = result.path("benchmark").asString("");
        JsonNode primary = result.path("primaryMetric");
        JsonNode score = primary.path("score");
        if (benchmark.isBlank() || !score.isNumber()) {
            throw new PerfException.Malformed("JMH result #" + (index + 1)
                    + " needs \"benchmark\" and a numeric \"primaryMetric.score\"");
        }
        return new Measurement(benchmark + params(result.path("params")), score.asDouble(), primary.path("scoreUnit").asString(""));
    }

    private static String params(JsonNode params) {
        if (!params.isObject() || params.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner(",", ":", "");
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            joined.add(p.getKey() + "=" + p.getValue().asString());
        }
        return joined.toString();
    }
}
