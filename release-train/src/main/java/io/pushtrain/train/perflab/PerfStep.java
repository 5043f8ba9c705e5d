package io.pushtrain.train.perflab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.pushtrain.perf.BenchmarkCommand;
import io.pushtrain.perf.PerfComparison;
import io.pushtrain.perf.PerfException;
import io.pushtrain.perf.PerfRun;
import io.pushtrain.perf.PerfSettings;
import io.pushtrain.train.PerfWords;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.push.PushPicks;
import io.pushtrain.train.push.PushRun;
import io.pushtrain.train.push.PushStep;
import io.pushtrain.train.push.StepReporter;
import io.pushtrain.train.push.StepResult;
import io.pushtrain.train.push.TreeExport;
import io.pushtrain.train.push.Verdict;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * Perflab: runs the benchmark on the branch as the hosts run it (A) and on the candidate (B),
 * interleaved, and judges each metric. A regression is bisected like a broken test: the first
 * pick whose prefix regresses is held back as PERF_REGRESSION, unless the release engineer
 * accepted that pick's regression. One comparison per call; comparisons are kept per commit pair.
 */
@Component
class PerfStep implements PushStep {

    private static final Logger log = LoggerFactory.getLogger(PerfStep.class);

    private final PerfComparisonRepository comparisons;
    private final PushPicks batch;
    private final TrunkMirror trunk;
    private final TrainProperties properties;
    private final StepReporter reporter;
    private final TransactionTemplate tx;
    private final Clock clock;

    PerfStep(PerfComparisonRepository comparisons, PushPicks batch, TrunkMirror trunk, TrainProperties properties,
            StepReporter reporter, TransactionTemplate tx, Optional<Clock> clock) {
        this.comparisons = comparisons;
        this.batch = batch;
        this.trunk = trunk;
        this.properties = properties;
        this.reporter = reporter;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public String name() {
        return "perf";
    }

    @Override
    public boolean transactional() {
        return false;
    }

    @Override
    public StepResult run(PushRun run) {
        if (!properties.perf().configured()) {
            return StepResult.skipped("no pushtrain.perf.command configured");
        }
        List<PickEntity> landing = batch.landing(run.id());
        ObjectId base = batch.base(run.id()).orElseThrow();
        Optional<PerfComparisonEntity> whole = compared(run, base, batch.head(run.id()).orElseThrow(), landing);
        if (whole.isEmpty()) {
            return StepResult.waiting(50, "compared the whole batch; judging");
        }
        if (!whole.get().regressed()) {
            String head = whole.get().headCommit();
            return StepResult.done(tx.execute(status -> PerfWords.of(comparisons
                .findByPushIdAndBaseCommitAndHeadCommit(run.id(), base.name(), head).orElseThrow().toView())));
        }
        return bisect(run, base, landing);
    }

    private StepResult bisect(PushRun run, ObjectId base, List<PickEntity> landing) {
        int good = 1;
        int bad = landing.size();
        while (good < bad) {
            int mid = (good + bad) / 2;
            Optional<PerfComparisonEntity> prefix = compared(run, base, batch.prefixHead(run.id(), landing, mid),
                    landing.subList(0, mid));
            if (prefix.isEmpty()) {
                return StepResult.waiting(50, "bisecting: compared the first " + mid + " of " + landing.size()
                        + " picks");
            }
            if (prefix.get().regressed()) {
                bad = mid;
            }
            else {
                good = mid + 1;
            }
        }
        PickEntity culprit = landing.get(bad - 1);
        String culpritHead = batch.prefixHead(run.id(), landing, bad).name();
        String blamed = tx.execute(status -> comparisons.findByPushIdAndBaseCommitAndHeadCommit(run.id(),
                base.name(), culpritHead).orElseThrow().blockingSummary());
        return culprit.perfOverridden() ? accept(run, culprit) : hold(run, culprit, blamed);
    }

    /** The release engineer accepted this pick's slowdown: every regression of this push passes with its reason. */
    private StepResult accept(PushRun run, PickEntity culprit) {
        tx.executeWithoutResult(status -> comparisons.findByPushIdOrderByIdAsc(run.id()).stream()
            .filter(PerfComparisonEntity::regressed)
            .forEach(c -> c.accept(culprit.perfOverrideBy(), culprit.perfOverrideReason())));
        return StepResult.done("pick " + culprit.id() + " is slower, accepted by " + culprit.perfOverrideBy() + ": "
                + culprit.perfOverrideReason());
    }

    private StepResult hold(PushRun run, PickEntity culprit, String verdicts) {
        String detail = "slower: " + verdicts + " (found by bisecting push " + run.id() + ")";
        tx.executeWithoutResult(status -> batch.holdBack(run.id(), culprit.id(), new Verdict.Slower(verdicts, detail)));
        log.warn("Push {}: pick {} held back for a perf regression: {}", run.id(), culprit.id(), verdicts);
        return StepResult.waiting(50, "pick " + culprit.id() + " is slower (" + verdicts
                + "); measuring the rest without it");
    }

    /** The kept comparison of base and candidate, or empty after running it now (the step comes back). */
    private Optional<PerfComparisonEntity> compared(PushRun run, ObjectId base, ObjectId candidate,
            List<PickEntity> picks) {
        Optional<PerfComparisonEntity> kept = comparisons.findByPushIdAndBaseCommitAndHeadCommit(run.id(),
                base.name(), candidate.name());
        if (kept.isPresent()) {
            return kept;
        }
        PerfComparison comparison = compare(run, base, candidate, picks.size());
        String ids = picks.stream().map(p -> p.id().toString()).collect(Collectors.joining(","));
        tx.executeWithoutResult(status -> comparisons.save(new PerfComparisonEntity(run.id(), base.name(),
                candidate.name(), ids, settings().threshold(), comparison, clock.instant())));
        log.info("Push {}: Perflab {}..{} ({} picks): {}", run.id(), base.abbreviate(10).name(),
                candidate.abbreviate(10).name(), picks.size(), firstLines(comparison.summary()));
        return Optional.empty();
    }

    private PerfComparison compare(PushRun run, ObjectId base, ObjectId candidate, int picks) {
        Path dir = properties.dataDir().toAbsolutePath().normalize().resolve("perf").resolve("push-" + run.id());
        BenchmarkCommand a = benchmark(checkout(dir, base));
        BenchmarkCommand b = benchmark(checkout(dir, candidate));
        String doing = "measuring " + base.abbreviate(10).name() + " against " + candidate.abbreviate(10).name()
                + " (" + picks + " picks)";
        try {
            return new PerfRun(settings()).compare(a, b, (done, planned) -> reporter.report(run.id(), name(),
                    100 * done / Math.max(1, planned), doing + ": " + done + " of " + planned + " runs"));
        }
        catch (PerfException ex) {
            throw new IllegalStateException("the benchmark could not run: " + ex.getMessage(), ex);
        }
    }

    private BenchmarkCommand benchmark(Path checkout) {
        String resultFile = properties.perf().resultFile();
        return new BenchmarkCommand(List.of("sh", "-c", properties.perf().command()), checkout,
                resultFile == null || resultFile.isBlank() ? null : Path.of(resultFile), properties.perf().timeout());
    }

    private Path checkout(Path dir, ObjectId commit) {
        Path checkout = dir.resolve(commit.abbreviate(12).name());
        Path marker = dir.resolve(commit.abbreviate(12).name() + ".exported");
        try {
            if (!Files.exists(marker)) {
                FileSystemUtils.deleteRecursively(checkout);
                TreeExport.export(trunk.repository(), commit, Files.createDirectories(checkout));
                Files.createFile(marker);
            }
            return checkout;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private PerfSettings settings() {
        return PerfSettings.defaults().withThreshold(properties.perf().thresholdFraction())
            .withRuns(properties.perf().minRuns(), properties.perf().maxRuns())
            .withTimeBudget(properties.perf().budget());
    }

    private static String firstLines(String summary) {
        return summary.lines().limit(6).collect(Collectors.joining("; "));
    }
}
