package io.pushtrain.dashboard.push;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.pushtrain.distribution.RolloutView;
import io.pushtrain.train.PerfComparisonView;
import io.pushtrain.train.PerfWords;
import io.pushtrain.train.PickView;
import io.pushtrain.train.PushView;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TestRunView;

/**
 * One push, everything about it on one page: the steps as a timeline, each pick with its outcome
 * and why, the tests and Perflab in words, the build, and the rollout by tier and rack.
 */
public record PushReport(PushView push, String took, List<TimelineRow> timeline, List<PickRow> picks,
        TestsSummary tests, List<PerfRow> perf, Build build, RolloutView rollout) {

    /** A step of the push on the timeline. */
    public record TimelineRow(String name, StepState state, Instant startedAt, String took, String detail) {
    }

    /** A pick of the push, what became of it and why. */
    public record PickRow(long id, String commit, String subject, String requester, String state, String why,
            String pickedCommit) {

        public String shortCommit() {
            return commit.substring(0, Math.min(10, commit.length()));
        }
    }

    /** Every test run of the push, summed up, with what broke and what was flaky. */
    public record TestsSummary(List<TestRunView> runs, int tests, List<String> broken, List<String> flaky) {

        public String words() {
            if (runs.isEmpty()) {
                return "No tests ran for this push.";
            }
            long candidates = runs.stream().map(TestRunView::commit).distinct().count();
            return runs.size() + (runs.size() == 1 ? " test run" : " test runs") + " on " + candidates
                    + (candidates == 1 ? " candidate" : " candidates") + ", " + tests + " tests in all: "
                    + (broken.isEmpty() ? "nothing broke" : broken.size() + " broken") + ", "
                    + (flaky.isEmpty() ? "nothing flaky" : flaky.size() + " flaky (failed once, passed again; not blocking)")
                    + ".";
        }
    }

    /** One Perflab comparison: what was compared, then each metric's verdict in words. */
    public record PerfRow(String compared, List<String> verdicts, boolean regressed) {
    }

    /** The binary the push built. */
    public record Build(String artifactId, String fileName, String size, String sha256) {
    }

    static PushReport of(PushView push, Map<Long, PickView> picksById, List<TestRunView> runs,
            List<PerfComparisonView> comparisons, Optional<RolloutView> rollout, Instant now) {
        List<TimelineRow> timeline = push.steps().stream().map(s -> new TimelineRow(s.name(), s.state(),
                s.startedAt(), s.startedAt() == null ? "" : Durations.words(Duration.between(s.startedAt(),
                        s.endedAt() == null ? now : s.endedAt())), s.detail())).toList();
        List<PickRow> picks = push.picks().stream().map(p -> {
            PickView full = picksById.get(p.id());
            return new PickRow(p.id(), p.commit(), full == null ? "" : full.subject(), p.requester(), p.state().name(),
                    PickOutcomeWords.why(p, full), p.pickedCommit());
        }).toList();
        TestsSummary tests = new TestsSummary(runs, runs.stream().mapToInt(TestRunView::tests).sum(),
                runs.stream().flatMap(r -> r.broken().stream()).distinct().toList(),
                runs.stream().flatMap(r -> r.flaky().stream()).distinct().toList());
        List<PerfRow> perf = comparisons.stream().map(c -> new PerfRow(PerfWords.compared(c), c.verdicts().stream()
                .map(v -> PerfWords.of(v, c.threshold())).toList(), c.regressed())).toList();
        String took = Durations.words(Duration.between(push.createdAt(), Objects.requireNonNullElse(push.endedAt(), now)));
        return new PushReport(push, took, timeline, picks, tests, perf, build(push), rollout.orElse(null));
    }

    private static Build build(PushView push) {
        if (push.artifact() == null) {
            return null;
        }
        String path = push.artifact().path();
        String file = path == null ? "" : path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return new Build("push-" + push.id(), file, size(push.artifact().size()), push.artifact().sha256());
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
