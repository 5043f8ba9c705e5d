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

import io.pushtrain.train.PastPick;
import io.pushtrain.train.PastPush;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.pick.PickRepository;

import org.springframework.stereotype.Component;

/**
 * Writes the rows of pushes that ran before pushtrain did, as the engine would have left them:
 * every step ended, each pick moved through its states to its outcome, all at the past times.
 * Runs in the caller's transaction and publishes nothing: nobody is told of old news.
 */
@Component
public class PastPushRows {

    /** Who closes a request that was still deferred when its train's history ends. */
    static final String TRAIN = "pushtrain";

    private final PushRepository pushes;
    private final PushStepRepository steps;
    private final PushPickRepository pushPicks;
    private final PickRepository picks;
    private final PushEngine engine;

    PastPushRows(PushRepository pushes, PushStepRepository steps, PushPickRepository pushPicks, PickRepository picks,
            PushEngine engine) {
        this.pushes = pushes;
        this.steps = steps;
        this.pushPicks = pushPicks;
        this.picks = picks;
        this.engine = engine;
    }

    /** A trunk commit as a past pick names it, resolved: full sha, subject and size. */
    public record Commit(String sha, String subject, int files, int lines) {
    }

    /**
     * Writes the train's pushes, oldest first; {@code commits} maps each pick's commit as given to
     * the resolved commit. Answers the ids of the pushes written.
     */
    public List<Long> write(long train, String branch, List<PastPush> past, Map<String, Commit> commits) {
        Map<String, PickEntity> deferred = new LinkedHashMap<>();
        Set<String> landed = new HashSet<>();
        List<Long> ids = new ArrayList<>();
        Instant last = null;
        for (PastPush push : past) {
            ids.add(write(train, branch, push, commits, deferred, landed));
            last = push.endedAt();
        }
        // The train is history: a request no push took any more would otherwise wait in the queue forever.
        for (PickEntity pick : deferred.values()) {
            pick.decide(PickState.WITHDRAWN, TRAIN, branch + " closed before a push took it", last);
        }
        return ids;
    }

    private long write(long train, String branch, PastPush past, Map<String, Commit> commits,
            Map<String, PickEntity> deferred, Set<String> landed) {
        Timeline times = Timeline.of(engine.stepNames(), past);
        // Ended before its first write: no other node's engine ever sees it running.
        PushEntity ended = new PushEntity(train, past.kind(), past.requestedBy(), past.startedAt());
        if (past.picks().stream().anyMatch(p -> p.outcome() != PickState.REFUSED_KARMA)) {
            ended.presenceDeadline(times.end("presence"));
        }
        ended.end(past.state(), past.detail() != null ? past.detail()
                : past.state() == PushState.DONE ? "all steps done" : "failed", past.endedAt());
        PushEntity push = pushes.saveAndFlush(ended);
        Outcomes outcomes = new Outcomes();
        Set<String> inPush = new HashSet<>();
        int position = 0;
        for (PastPick given : past.picks()) {
            Commit commit = commits.get(given.commit());
            if (!inPush.add(commit.sha())) {
                throw new TrainException.BadRequest("the push at " + past.startedAt() + " took " + commit.sha()
                        + " twice: list each commit once per push");
            }
            PickEntity pick = deferred.remove(commit.sha());
            if (pick == null) {
                pick = request(train, branch, past, given, commit, landed);
            }
            if (given.outcome() == PickState.REFUSED_KARMA) {
                // The select step refuses before the pick joins the push: it is not one of the push's picks.
                pick.refuseForKarma("refused for karma by the push at " + past.startedAt(), times.start("select"));
                outcomes.refused++;
                continue;
            }
            pick.joinPush(push.id());
            PushPickEntity row = pushPicks.save(new PushPickEntity(push.id(), pick.id(), position++));
            take(push, past, given.outcome(), pick, times, outcomes);
            row.outcome(pick.state());
            if (pick.state() == PickState.DEFERRED) {
                deferred.put(commit.sha(), pick);
            }
            else if (pick.state().isOpen()) {
                landed.add(commit.sha());
            }
        }
        times.writeSteps(push.id(), branch, past, outcomes, steps);
        return push.id();
    }

    private PickEntity request(long train, String branch, PastPush past, PastPick given, Commit commit,
            Set<String> landed) {
        if (landed.contains(commit.sha())) {
            throw new TrainException.BadRequest(commit.sha() + " was already merged onto " + branch
                    + " by an earlier push: the push at " + past.startedAt() + " cannot take it again");
        }
        Instant at = given.requestedAt() == null ? past.startedAt() : given.requestedAt();
        if (at.isAfter(past.startedAt())) {
            throw new TrainException.BadRequest("the pick of " + commit.sha() + " was requested at " + at
                    + ", after the push that took it started (" + past.startedAt() + ")");
        }
        PickEntity pick = new PickEntity(train, commit.sha(), commit.subject(), null, given.reason(),
                given.requester(), commit.files(), commit.lines(), at);
        pick.decide(PickState.APPROVED, past.requestedBy(), null, at);
        return picks.save(pick);
    }

    /** The pick's way through the push's steps to what became of it. */
    private static void take(PushEntity push, PastPush past, PickState outcome, PickEntity pick, Timeline times,
            Outcomes outcomes) {
        outcomes.taken++;
        if (outcome == PickState.DEFERRED) {
            if (pick.state() != PickState.DEFERRED) {
                pick.moveTo(PickState.DEFERRED, times.end("presence"));
            }
            pick.leavePush();
            pick.outcome("no presence in push " + push.id() + ": waits for the next push");
            outcomes.absent.add(pick.requester());
            return;
        }
        outcomes.present.add(pick.requester());
        pick.confirm(times.start("presence"));
        Instant merged = times.end("merge");
        if (outcome == PickState.CONFLICT) {
            pick.conflicted(List.of(), "conflicted when the push at " + past.startedAt() + " merged it", merged);
            outcomes.conflicted++;
            return;
        }
        pick.merged(null, "merged by the push at " + past.startedAt(), merged);
        outcomes.merged++;
        if (outcome == PickState.FAILED_TESTS || outcome == PickState.PERF_REGRESSION) {
            pick.moveTo(outcome, times.judged(outcome));
            return;
        }
        if (outcome == PickState.TESTED) {
            pick.moveTo(PickState.TESTED, times.judged(PickState.TESTED));
        }
        if (past.state() == PushState.DONE) {
            pick.moveTo(PickState.SHIPPED, times.end("done"));
            outcomes.shipped++;
        }
    }

    /** What the step details count. */
    static final class Outcomes {
        int taken;
        int refused;
        int merged;
        int conflicted;
        int shipped;
        final Set<String> present = new TreeSet<>();
        final Set<String> absent = new TreeSet<>();
    }

    /**
     * When each step of a past push ran: the push's time shared out over the steps it ran, the
     * presence wait taking the longest; a failed push fails at its build.
     */
    record Timeline(List<String> names, Map<String, Instant> starts, Map<String, Instant> ends, int failedAt,
            Instant pushEnd) {

        static Timeline of(List<String> names, PastPush push) {
            int failedAt = push.state() == PushState.FAILED ? failingStep(names) : names.size();
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

        /** The build, where a push usually breaks; else the step after the merge; else the last. */
        private static int failingStep(List<String> names) {
            if (names.contains("build")) {
                return names.indexOf("build");
            }
            int merge = names.indexOf("merge");
            if (merge >= 0 && merge + 1 < names.size()) {
                return merge + 1;
            }
            return Math.max(0, names.size() - 1);
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

        /** When a merged pick's tests or benchmarks judged it: the end of that step, else of the step after the merge. */
        Instant judged(PickState outcome) {
            String step = outcome == PickState.PERF_REGRESSION ? "perf" : "test";
            if (ends.containsKey(step)) {
                return ends.get(step);
            }
            int merge = names.indexOf("merge");
            return merge >= 0 && merge + 1 < names.size() ? end(names.get(merge + 1)) : pushEnd;
        }

        void writeSteps(long push, String branch, PastPush past, Outcomes outcomes, PushStepRepository steps) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                PushStepEntity row = steps.save(new PushStepEntity(push, i, name));
                if (i > failedAt) {
                    row.finish(StepState.SKIPPED, "push failed", pushEnd);
                    continue;
                }
                row.start(start(name));
                if (i == failedAt) {
                    row.finish(StepState.FAILED, past.detail() == null ? name + " failed" : past.detail(), end(name));
                    continue;
                }
                StepDetail detail = StepDetail.of(name, branch, past, outcomes);
                row.finish(detail.state(), detail.text(), end(name));
            }
        }
    }

    /** What each step said about itself when it ended, in the engine's words. */
    record StepDetail(StepState state, String text) {

        static StepDetail of(String step, String branch, PastPush past, Outcomes o) {
            boolean release = past.kind() == PushKind.RELEASE;
            int absent = o.taken - o.merged - o.conflicted;
            return switch (step) {
                case "select" -> release ? skipped("the weekly release ships the train as cut")
                        : done((o.taken == 0 ? "no approved picks: the push ships the branch as it is"
                                : "took " + o.taken + " approved pick" + plural(o.taken))
                                + (o.refused == 0 ? "" : "; refused " + o.refused + " for karma"));
                case "presence" -> o.taken == 0 ? skipped("no picks, nobody to wait for")
                        : absent == 0 ? done("all " + o.present.size() + " requesters confirmed")
                        : done((o.taken - absent) + " confirmed, " + absent + " deferred to the next push ("
                                + String.join(", ", o.absent) + " did not show up)");
                case "merge" -> release ? skipped("the weekly release ships the train as cut")
                        : o.merged + o.conflicted == 0 ? skipped("no confirmed picks to merge")
                        : done(o.merged + " merged, " + o.conflicted + " conflicted");
                case "done" -> release ? done(branch + " shipped as cut")
                        : done(o.shipped + " pick" + plural(o.shipped) + " shipped");
                default -> done("recorded from history");
            };
        }

        private static StepDetail done(String text) {
            return new StepDetail(StepState.DONE, text);
        }

        private static StepDetail skipped(String text) {
            return new StepDetail(StepState.SKIPPED, text);
        }

        private static String plural(int n) {
            return n == 1 ? "" : "s";
        }
    }
}
