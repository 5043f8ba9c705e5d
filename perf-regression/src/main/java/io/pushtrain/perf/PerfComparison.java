package io.pushtrain.perf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of comparing the release branch (B) with trunk (A).
 *
 * @param verdicts per metric, in the order the benchmark printed them
 * @param runs runs done, both builds counted
 * @param stoppedEarly every verdict was settled before the budget was spent
 * @param unmatched metrics only one of the builds printed; they get no verdict
 */
public record PerfComparison(Map<String, Verdict> verdicts, int runs, boolean stoppedEarly, List<String> unmatched) {

    public PerfComparison {
        verdicts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(verdicts));
        unmatched = List.copyOf(unmatched);
    }

    /** The regressions nobody accepted: any of them holds the pick back. */
    public List<Verdict> blocking() {
        return verdicts.values().stream().filter(Verdict::blocking).toList();
    }

    public boolean regressed() {
        return !blocking().isEmpty();
    }

    /** The same comparison with one regression accepted; a metric that did not regress cannot be accepted. */
    public PerfComparison withOverride(PerfOverride override) {
        Verdict verdict = verdicts.get(override.metric());
        if (verdict == null) {
            throw new PerfException("no metric " + override.metric() + " in this comparison; it has " + verdicts.keySet());
        }
        Map<String, Verdict> changed = new LinkedHashMap<>(verdicts);
        changed.put(override.metric(), verdict.accept(override));
        return new PerfComparison(changed, runs, stoppedEarly, unmatched);
    }

    /** One line per metric, then how the comparison ended; what the IRC bot and the push log show. */
    public String summary() {
        String lines = verdicts.values().stream().map(Verdict::summary).collect(Collectors.joining("\n"));
        String end = runs + " runs, " + (stoppedEarly ? "stopped early: every verdict settled" : "budget spent");
        String missing = unmatched.isEmpty() ? "" : "\nonly one build printed: " + String.join(", ", unmatched);
        return lines + "\n" + end + missing;
    }
}
