package io.pushtrain.benchmarks.perf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** How often one rule flagged a regression over the trials, and how many runs it used. */
final class Tally {

    private int trials;
    private int flagged;
    private final List<Integer> runs = new ArrayList<>();

    void add(boolean regression, int runsUsed) {
        trials++;
        flagged += regression ? 1 : 0;
        runs.add(runsUsed);
    }

    String rate() {
        return String.format(Locale.ROOT, "%5.1f%% (%d/%d)", 100.0 * flagged / trials, flagged, trials);
    }

    /** Median and 95th percentile of runs, both builds counted. */
    String runs() {
        List<Integer> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        int median = sorted.get((sorted.size() - 1) / 2);
        int p95 = sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
        return median + " / " + p95;
    }
}
