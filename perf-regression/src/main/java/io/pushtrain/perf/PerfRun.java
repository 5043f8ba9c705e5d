package io.pushtrain.perf;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.pushtrain.perf.run.Interleaving;
import io.pushtrain.perf.run.RunLog;

/**
 * Runs trunk (A) and the release branch (B) interleaved, A B B A A B ..., in rounds: {@code minRuns} of
 * each first, then {@code runsPerRound} more of each until every metric's verdict is settled or the
 * budget ({@code maxRuns} of each, or the time budget) is spent. A metric printed in every run is judged
 * on its pairs ({@link PerfJudge#judgePaired}); one missing from some run, unpaired.
 */
public final class PerfRun {

    private final PerfSettings settings;
    private final PerfJudge judge;
    private final Clock clock;

    public PerfRun(PerfSettings settings) {
        this(settings, Clock.systemUTC());
    }

    PerfRun(PerfSettings settings, Clock clock) {
        this.settings = settings;
        this.judge = new PerfJudge(settings);
        this.clock = clock;
    }

    /**
     * Compares the builds; each supplier runs its build's benchmark once and answers what it printed
     * (a {@link BenchmarkCommand}, or any code). What a supplier throws ends the comparison.
     */
    public PerfComparison compare(Supplier<List<Measurement>> trunk, Supplier<List<Measurement>> release, PerfProgress progress) {
        Instant deadline = settings.timeBudget().isZero() ? Instant.MAX : clock.instant().plus(settings.timeBudget());
        int planned = 2 * settings.maxRuns();
        RunLog log = new RunLog();
        int pairs = 0;
        int target = settings.minRuns();
        while (true) {
            while (pairs < target && clock.instant().isBefore(deadline)) {
                runPair(pairs, trunk, release, log);
                pairs++;
                progress.runsDone(2 * pairs, planned);
            }
            Map<String, Verdict> verdicts = judgeAll(log, pairs);
            boolean settled = pairs >= settings.minRuns() && verdicts.values().stream().allMatch(judge::settled);
            if (settled || pairs >= settings.maxRuns() || !clock.instant().isBefore(deadline)) {
                boolean early = settled && pairs < settings.maxRuns();
                progress.runsDone(2 * pairs, 2 * pairs);
                return new PerfComparison(verdicts, 2 * pairs, early, log.unmatched());
            }
            target = Math.min(settings.maxRuns(), pairs + settings.runsPerRound());
        }
    }

    private static void runPair(int pair, Supplier<List<Measurement>> trunk, Supplier<List<Measurement>> release, RunLog log) {
        boolean releaseFirst = Interleaving.releaseFirst(pair);
        log.add(releaseFirst, (releaseFirst ? release : trunk).get());
        log.add(!releaseFirst, (releaseFirst ? trunk : release).get());
    }

    private Map<String, Verdict> judgeAll(RunLog log, int pairs) {
        if (pairs < 2) {
            throw new PerfException.RunFailed("the time budget of " + settings.timeBudget() + " allowed " + pairs
                    + " run(s) of each build; Perflab needs at least 2 to compare (" + settings.minRuns() + " to stop early)");
        }
        if (log.matched().isEmpty()) {
            throw new PerfException.RunFailed("trunk and the release branch printed no metric in common; trunk printed "
                    + log.unmatched());
        }
        Map<String, Verdict> verdicts = new LinkedHashMap<>();
        for (String metric : log.matched()) {
            double[] a = log.trunk(metric);
            double[] b = log.release(metric);
            // Paired only when the metric was printed in every run of both builds: then run i of each is pair i.
            boolean paired = a.length == pairs && b.length == pairs;
            String unit = log.unit(metric);
            verdicts.put(metric, paired ? judge.judgePaired(metric, unit, a, b) : judge.judgeUnpaired(metric, unit, a, b));
        }
        return verdicts;
    }
}
