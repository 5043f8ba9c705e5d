package io.pushtrain.benchmarks.perf;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.pushtrain.benchmarks.perf.SyntheticSession.Machine;
import io.pushtrain.perf.PerfComparison;
import io.pushtrain.perf.PerfJudge;
import io.pushtrain.perf.PerfProgress;
import io.pushtrain.perf.PerfRun;
import io.pushtrain.perf.PerfSettings;
import io.pushtrain.perf.Verdict;
import io.pushtrain.perf.stats.Samples;
import io.pushtrain.perf.stats.WelchTest;

/**
 * How often Perflab finds an injected 5% regression, and how often it cries wolf when nothing changed,
 * against a plain two-sample t-test (p &lt; 0.05 and mean ratio beyond the same 3% threshold) on the
 * same synthetic runs. Three machines: steady 2% noise; 2% noise with a noisy neighbour; 2% noise
 * with a slow drift, where the order of runs (interleaved or A-then-B) is what decides.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.pushtrain.benchmarks.perf.PerflabAccuracy [trials=200] [seed=1]}
 */
public final class PerflabAccuracy {

    /** What a typical dashboard does: a fixed number of runs of each build. */
    static final int DASHBOARD_RUNS = 10;
    static final double THRESHOLD = 0.03;
    static final double DASHBOARD_ALPHA = 0.05;

    private PerflabAccuracy() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 1;
        PerfSettings settings = PerfSettings.defaults();
        System.out.printf(Locale.ROOT, "Perflab accuracy: %d trials per row, threshold %.0f%%, Perflab alpha %.2f, runs %d..%d per build "
                + "(+%d per round), %d bootstrap resamples%n", trials, THRESHOLD * 100, settings.alpha(), settings.minRuns(),
                settings.maxRuns(), settings.runsPerRound(), settings.resamples());
        Map<String, Machine> machines = new LinkedHashMap<>();
        machines.put("steady: log-normal, 2% CV", new Machine(0.02, 0, 0, 0));
        machines.put("noisy neighbour: 2% CV, 5% of runs +25%", new Machine(0.02, 0, 0.05, 0.25));
        machines.put("drift: 2% CV, machine slows 0.25% per run", new Machine(0.02, 0.0025, 0, 0));
        long started = System.nanoTime();
        for (Map.Entry<String, Machine> machine : machines.entrySet()) {
            scenario(machine.getKey(), machine.getValue(), trials, seed, settings);
        }
        System.out.printf(Locale.ROOT, "%ntook %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void scenario(String name, Machine machine, int trials, long seed, PerfSettings settings) {
        Map<String, Tally[]> rows = new LinkedHashMap<>();
        for (int c = 0; c < 2; c++) {
            double change = c == 0 ? 0.05 : 0;
            for (int trial = 0; trial < trials; trial++) {
                long trialSeed = seed * 1_000_003L + trial * 7919L + c;
                trial(machine, change, trialSeed, settings, rows, c);
                if (machine.driftPerRun() > 0) {
                    blockTrial(machine, change, trialSeed, settings, rows, c);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s%n  %-62s %-18s %-18s %s%n", name, "rule", "5% found", "false alarms", "runs median / p95");
        rows.forEach((rule, t) -> System.out.printf(Locale.ROOT, "  %-62s %-18s %-18s %s%n", rule, t[0].rate(), t[1].rate(), t[0].runs()
                + " | " + t[1].runs()));
    }

    /** One session, interleaved: Perflab with early stopping, then the t-test on the same runs. */
    private static void trial(Machine machine, double change, long seed, PerfSettings settings, Map<String, Tally[]> rows, int c) {
        SyntheticSession session = new SyntheticSession(machine, change, seed);
        PerfComparison comparison = new PerfRun(settings).compare(session.trunk(), session.release(), PerfProgress.NONE);
        Verdict verdict = comparison.verdicts().get("render");
        int n = verdict.runsA();
        tally(rows, "pushtrain: paired sign test + CI of median B/A + 3%, early stop", c,
                verdict.kind() == Verdict.Kind.REGRESSION, 2 * n);
        tally(rows, "  same runs, strict: whole CI beyond +3% and p < alpha", c,
                verdict.effectLow() >= THRESHOLD && verdict.pValue() < settings.alpha(), 2 * n);
        Verdict unpaired = new PerfJudge(settings).judgeUnpaired("render", "ms", session.trunkRuns(n), session.releaseRuns(n));
        tally(rows, "  same runs, unpaired: Mann-Whitney + CI of median(B)/median(A)", c,
                unpaired.kind() == Verdict.Kind.REGRESSION, 2 * n);
        tally(rows, "t-test (p<0.05, mean ratio > +3%) on pushtrain's runs", c,
                tTest(session.trunkRuns(n), session.releaseRuns(n)), 2 * n);
        session.interleaveUpTo(DASHBOARD_RUNS);
        tally(rows, "t-test (p<0.05, mean ratio > +3%), " + DASHBOARD_RUNS + "+" + DASHBOARD_RUNS + " runs interleaved", c,
                tTest(session.trunkRuns(DASHBOARD_RUNS), session.releaseRuns(DASHBOARD_RUNS)), 2 * DASHBOARD_RUNS);
    }

    /** Where the machine drifts: the same two rules with A's runs all before B's. */
    private static void blockTrial(Machine machine, double change, long seed, PerfSettings settings, Map<String, Tally[]> rows, int c) {
        SyntheticSession session = new SyntheticSession(machine, change, seed ^ 0x5DEECE66DL);
        session.blocksOf(DASHBOARD_RUNS);
        double[] a = session.trunkRuns(DASHBOARD_RUNS);
        double[] b = session.releaseRuns(DASHBOARD_RUNS);
        Verdict verdict = new PerfJudge(settings).judge("render", "ms", a, b); // paired: A's i-th run with B's i-th
        tally(rows, "pushtrain's statistics, " + DASHBOARD_RUNS + " A then " + DASHBOARD_RUNS + " B (not interleaved)", c,
                verdict.kind() == Verdict.Kind.REGRESSION, 2 * DASHBOARD_RUNS);
        tally(rows, "t-test (p<0.05, mean ratio > +3%), " + DASHBOARD_RUNS + " A then " + DASHBOARD_RUNS + " B", c, tTest(a, b),
                2 * DASHBOARD_RUNS);
    }

    static boolean tTest(double[] a, double[] b) {
        return WelchTest.pValue(a, b) < DASHBOARD_ALPHA && Samples.mean(b) / Samples.mean(a) - 1 >= THRESHOLD;
    }

    private static void tally(Map<String, Tally[]> rows, String rule, int column, boolean regression, int runs) {
        rows.computeIfAbsent(rule, r -> new Tally[] { new Tally(), new Tally() })[column].add(regression, runs);
    }
}
