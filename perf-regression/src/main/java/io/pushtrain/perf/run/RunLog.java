package io.pushtrain.perf.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushtrain.perf.Measurement;

/** Every value each build printed so far, per metric, in the order they first appeared. */
public final class RunLog {

    private final Map<String, List<Double>> trunk = new LinkedHashMap<>();
    private final Map<String, List<Double>> release = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    public void add(boolean isRelease, List<Measurement> run) {
        Map<String, List<Double>> side = isRelease ? release : trunk;
        for (Measurement m : run) {
            side.computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m.value());
            units.putIfAbsent(m.metric(), m.unit());
        }
    }

    /** Metrics both builds printed. */
    public List<String> matched() {
        return units.keySet().stream().filter(m -> trunk.containsKey(m) && release.containsKey(m)).toList();
    }

    /** Metrics only one build printed. */
    public List<String> unmatched() {
        Set<String> all = new LinkedHashSet<>(units.keySet());
        all.removeAll(matched());
        return List.copyOf(all);
    }

    public String unit(String metric) {
        return units.get(metric);
    }

    public double[] trunk(String metric) {
        return values(trunk.get(metric));
    }

    public double[] release(String metric) {
        return values(release.get(metric));
    }

    private static double[] values(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
