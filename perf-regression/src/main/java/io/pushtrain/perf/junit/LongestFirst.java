package io.pushtrain.perf.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.pushtrain.perf.TestShard;

/**
 * Longest-processing-time-first: hand the longest suite left to the shard with the least work so far.
 * Within 4/3 of the best possible longest shard, and deterministic for the same input, so every node
 * of a cluster computes the same split.
 */
public final class LongestFirst {

    private LongestFirst() {
    }

    public static List<TestShard> spread(List<String> suites, Map<String, Double> pastSeconds, int shards) {
        if (shards < 1) {
            throw new IllegalArgumentException("need at least one shard, asked for " + shards);
        }
        double unknown = typical(pastSeconds);
        List<String> order = suites.stream().distinct()
                .sorted(Comparator.comparingDouble((String s) -> -pastSeconds.getOrDefault(s, unknown))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        List<List<String>> assigned = new ArrayList<>();
        double[] load = new double[shards];
        for (int i = 0; i < shards; i++) {
            assigned.add(new ArrayList<>());
        }
        for (String suite : order) {
            int lightest = lightest(load);
            assigned.get(lightest).add(suite);
            load[lightest] += pastSeconds.getOrDefault(suite, unknown);
        }
        List<TestShard> result = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            result.add(new TestShard(i, assigned.get(i), load[i]));
        }
        return result;
    }

    /** A suite never seen before is guessed to take the median of the known ones (1 s with no history). */
    private static double typical(Map<String, Double> pastSeconds) {
        double[] known = pastSeconds.values().stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (known.length == 0) {
            return 1;
        }
        return known.length % 2 == 1 ? known[known.length / 2] : (known[known.length / 2 - 1] + known[known.length / 2]) / 2;
    }

    private static int lightest(double[] load) {
        int lightest = 0;
        for (int i = 1; i < load.length; i++) {
            if (load[i] < load[lightest]) {
                lightest = i;
            }
        }
        return lightest;
    }
}
