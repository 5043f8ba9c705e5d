package io.pushtrain.train.push;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.karma.PickSample;
import io.pushtrain.karma.RiskAssessor;
import io.pushtrain.train.PastPick;
import io.pushtrain.train.PastPush;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.stereotype.Component;

/**
 * Writes the rows of pushes that ran before pushtrain did, as the engine would have left them:
 * the steps of the push's plan, each ended with what that step says of such a push, and each
 * pick moved by {@link PushPicks} at the past times. Runs in the caller's transaction and
 * publishes nothing: nobody is told of old news.
 */
@Component
public class PastPushRows {

    /** Who closes a request that was still waiting when its train's history ends. */
    static final String TRAIN = "pushtrain";

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PickRepository picks;
    private final PushPicks pushPicks;
    private final Map<String, PushStep> stepsByName;
    private final RiskAssessor risks;

    PastPushRows(PushRepository pushes, PushStepRepository steps, PickRepository picks, PushPicks pushPicks,
            List<PushStep> beans, RiskAssessor risks) {
        this.risks = risks;
        this.pushes = pushes;
        this.steps = steps;
        this.picks = picks;
        this.pushPicks = pushPicks;
        this.stepsByName = beans.stream().collect(Collectors.toMap(PushStep::name, Function.identity()));
    }

    /** A trunk commit as a past pick names it, resolved: full sha, subject and size. */
    public record Commit(String sha, String subject, int files, int lines) {
    }

    /**
     * Writes the train's pushes, oldest first; {@code commits} maps each pick's commit as given to
     * the resolved commit. Answers the ids of the pushes written.
     */
    public List<Long> write(long train, String branch, List<PastPush> past, Map<String, Commit> commits) {
        Map<String, PickEntity> waiting = new LinkedHashMap<>();
        Set<String> landed = new HashSet<>();
        List<Long> ids = new ArrayList<>();
        Instant last = null;
        for (PastPush push : past) {
            ids.add(write(train, branch, push, commits, waiting, landed));
            last = push.endedAt();
        }
        // The train is history: a request no push took any more would otherwise wait in the queue forever.
        for (PickEntity pick : waiting.values()) {
            pick.decide(PickState.WITHDRAWN, TRAIN, branch + " closed before a push took it", last);
        }
        return ids;
    }

    private long write(long train, String branch, PastPush past, Map<String, Commit> commits,
            Map<String, PickEntity> waiting, Set<String> landed) {
        PushPlan plan = PushPlan.of(past.kind());
        Timeline times = Timeline.of(plan.steps(), past);
        // Ended before its first write: no other node's engine ever sees it running.
        PushEntity ended = new PushEntity(train, past.kind(), past.requestedBy(), past.startedAt());
        if (past.picks().stream().anyMatch(p -> p.outcome() != PickState.REFUSED_KARMA)) {
            ended.presenceDeadline(times.end("presence"));
        }
        ended.end(past.state(), past.detail() != null ? past.detail()
                : past.state() == PushState.DONE ? "all steps done" : "failed", past.endedAt());
        PushEntity push = pushes.saveAndFlush(ended);
        Counts counts = new Counts();
        Set<String> inPush = new HashSet<>();
        for (PastPick given : past.picks()) {
            Commit commit = commits.get(given.commit());
            if (!inPush.add(commit.sha())) {
                throw new TrainException.Invalid("the push at " + past.startedAt() + " took " + commit.sha()
                        + " twice: list each commit once per push");
            }
            PickEntity pick = waiting.remove(commit.sha());
            if (pick == null) {
                pick = request(train, branch, past, given, commit, landed);
            }
            take(push.id(), past, given.outcome(), pick, times, counts);
            if (pick.state().isQueued()) {
                waiting.put(commit.sha(), pick);
            }
            else if (pick.state().isOpen()) {
                landed.add(commit.sha());
            }
        }
        if (past.state() == PushState.DONE) {
            counts.shipped = pushPicks.at(times.end("done")).ship(push.id());
        }
        else {
            // A push that did not ship handed its picks back: a later push of the train may take them.
            pushPicks.at(past.endedAt()).handBack(push.id(), past.detail() == null ? "failed" : past.detail());
            pushPicks.taken(push.id()).stream().filter(p -> p.state().isQueued())
                .forEach(p -> {
                    waiting.put(p.commitSha(), p);
                    landed.remove(p.commitSha());
                });
        }
        times.writeSteps(push.id(), past, counts.of(branch), stepsByName, steps);
        return push.id();
    }

    private PickEntity request(long train, String branch, PastPush past, PastPick given, Commit commit,
            Set<String> landed) {
        if (landed.contains(commit.sha())) {
            throw new TrainException.Invalid(commit.sha() + " was already merged onto " + branch
                    + " by an earlier push: the push at " + past.startedAt() + " cannot take it again");
        }
        Instant at = given.requestedAt() == null ? past.startedAt() : given.requestedAt();
        if (at.isAfter(past.startedAt())) {
            throw new TrainException.Invalid("the pick of " + commit.sha() + " was requested at " + at
                    + ", after the push that took it started (" + past.startedAt() + ")");
        }
        PickEntity pick = new PickEntity(train, commit.sha(), commit.subject(), null, given.reason(),
                given.requester(), commit.files(), commit.lines(), at);
        pick.decide(PickState.APPROVED, past.requestedBy(), null, at);
        PickEntity saved = picks.save(pick);
        // A recorded pick is one of the recent picks that risk compares new requests with, at its own time:
        // without it, four recorded weeks left risk with "only 9 recent picks to compare with".
        risks.record(new PickSample("pick-" + saved.id(), commit.lines(), commit.files(), 0), at);
        return saved;
    }

    /** The pick's way through the push's steps to what became of it, moved as the steps move it. */
    private void take(long pushId, PastPush past, PickState outcome, PickEntity pick, Timeline times, Counts counts) {
        if (outcome == PickState.REFUSED_KARMA) {
            // The select step refuses before the pick joins the push: it is not one of the push's picks.
            pick.refuseForKarma("refused for karma by the push at " + past.startedAt(), times.start("select"));
            counts.refused++;
            return;
        }
        counts.taken++;
        pushPicks.at(times.start("select")).join(pushId, pick);
        if (outcome == PickState.DEFERRED) {
            pushPicks.at(times.end("presence")).defer(pushId, pick);
            counts.absent.add(pick.requester());
            return;
        }
        counts.present.add(pick.requester());
        pick.confirm(times.start("presence"));
        PushPicks merge = pushPicks.at(times.end("merge"));
        if (outcome == PickState.CONFLICT) {
            merge.conflicted(pushId, pick, List.of(), "conflicted when the push at " + past.startedAt() + " merged it");
            counts.conflicted++;
            return;
        }
        merge.merged(pushId, pick, "merged by the push at " + past.startedAt());
        counts.merged++;
        if (outcome == PickState.FAILED_TESTS) {
            pushPicks.at(times.judged(outcome)).heldBack(pushId, pick, new Verdict.FailedTests(List.of(),
                    "broke the tests in the push at " + past.startedAt()));
        }
        else if (outcome == PickState.PERF_REGRESSION) {
            pushPicks.at(times.judged(outcome)).heldBack(pushId, pick, new Verdict.Slower("",
                    "slower in the push at " + past.startedAt()));
        }
        else if (outcome == PickState.TESTED) {
            pick.moveTo(PickState.TESTED, times.judged(PickState.TESTED));
        }
    }

    /** What the steps' words count, as the push goes. */
    private static final class Counts {
        int taken;
        int refused;
        int merged;
        int conflicted;
        int shipped;
        final Set<String> present = new TreeSet<>();
        final Set<String> absent = new TreeSet<>();

        PastPushCounts of(String branch) {
            return new PastPushCounts(branch, taken, refused, merged, conflicted, shipped, present, absent);
        }
    }

    /**
     * When each step of a past push ran: the push's time shared out over the steps of its plan,
     * the presence wait taking the longest; a failed push fails at its build.
     */
    record Timeline(List<String> names, Map<String, Instant> starts, Map<String, Instant> ends, int failedAt,
            Instant pushEnd) {

        static Timeline of(List<String> names, PastPush push) {
            int failedAt = push.state() == PushState.DONE ? names.size() : Math.max(0, names.indexOf("build"));
            int ran = Math.min(failedAt + 1, names.size());
            long weights = 0;
            for (int i = 0; i < ran; i++) {
                weights += weight(names.get(i));
            }
            Duration took = Duration.between(push.startedAt(), push.endedAt());
            Map<String, Instant> starts = new HashMap<>();
            Map<String, Instant> ends = new HashMap<>();
            long sofar = 0;
            for (int i = 0; i < ran; i++) {
                starts.put(names.get(i), push.startedAt().plus(took.multipliedBy(sofar).dividedBy(Math.max(1, weights))));
                sofar += weight(names.get(i));
                ends.put(names.get(i), push.startedAt().plus(took.multipliedBy(sofar).dividedBy(Math.max(1, weights))));
            }
            return new Timeline(names, starts, ends, failedAt, push.endedAt());
        }

        private static long weight(String step) {
            return step.equals("presence") ? 6 : 1;
        }

        Instant start(String step) {
            return starts.getOrDefault(step, pushEnd);
        }

        Instant end(String step) {
            return ends.getOrDefault(step, pushEnd);
        }

        /** When a merged pick's tests or benchmarks judged it: the end of that step. */
        Instant judged(PickState outcome) {
            return end(outcome == PickState.PERF_REGRESSION ? "perf" : "test");
        }

        void writeSteps(long push, PastPush past, PastPushCounts counts, Map<String, PushStep> steps,
                PushStepRepository rows) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                PushStepEntity row = rows.save(new PushStepEntity(push, i, name));
                if (i > failedAt) {
                    row.finish(StepState.SKIPPED, "push " + past.state().name().toLowerCase(), pushEnd);
                    continue;
                }
                row.start(start(name));
                if (i == failedAt) {
                    row.finish(StepState.FAILED, past.detail() == null ? name + " failed" : past.detail(), end(name));
                    continue;
                }
                StepResult said = steps.get(name).recorded(counts);
                row.finish(said.state(), said.detail(), end(name));
            }
        }
    }
}
