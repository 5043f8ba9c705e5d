package io.pushtrain.train.testrun;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.pushtrain.perf.TestReports;
import io.pushtrain.perf.TestShard;
import io.pushtrain.train.TestRunState;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tests of one candidate commit in the database: asked for once, spread over shards by how
 * long each suite took last time, run by whichever node claims a shard, and read back as one
 * outcome when every shard has finished.
 */
@Component
class ShardedCandidateTests implements CandidateTests {

    private final TestRunRepository runs;
    private final TrainProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    ShardedCandidateTests(TestRunRepository runs, TrainProperties properties, TransactionTemplate tx,
            Optional<Clock> clock) {
        this.runs = runs;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Override
    public Outcome of(long pushId, ObjectId commit, List<PickEntity> picks) {
        List<TestRunEntity> shards = runs.findByPushIdAndCommitShaOrderByShardAsc(pushId, commit.name());
        if (shards.isEmpty()) {
            shards = tx.execute(status -> schedule(pushId, commit, picks));
        }
        return outcome(shards);
    }

    @Override
    public int[] counts(long pushId) {
        List<TestRunEntity> all = runs.findByPushIdOrderByIdAsc(pushId);
        return new int[] { (int) all.stream().filter(r -> r.state().isFinished()).count(), all.size() };
    }

    private List<TestRunEntity> schedule(long pushId, ObjectId commit, List<PickEntity> picks) {
        String ids = picks.stream().map(p -> p.id().toString()).collect(Collectors.joining(","));
        List<TestShard> plan = plan();
        List<TestRunEntity> shards = new ArrayList<>();
        for (TestShard shard : plan) {
            shards.add(runs.save(new TestRunEntity(pushId, commit.name(), ids, shard.index(), plan.size(),
                    shard.suites(), clock.instant())));
        }
        return shards;
    }

    /** Without a past run to learn suite times from, a single shard runs everything. */
    private List<TestShard> plan() {
        int wanted = properties.test().shards();
        Map<String, Double> past = runs
            .findFirstByStateInAndTimingsIsNotNullOrderByIdDesc(List.of(TestRunState.PASSED, TestRunState.FAILED))
            .map(last -> timings(runs.findByPushIdAndCommitShaOrderByShardAsc(last.pushId(), last.commitSha())))
            .orElse(Map.of());
        if (wanted == 1 || past.size() < 2) {
            return List.of(new TestShard(0, List.of(), 0));
        }
        return TestReports.spread(new ArrayList<>(past.keySet()), past, Math.min(wanted, past.size()));
    }

    private static Map<String, Double> timings(List<TestRunEntity> shards) {
        Map<String, Double> seconds = new HashMap<>();
        shards.stream().filter(s -> s.timings() != null).flatMap(s -> Arrays.stream(s.timings().split("\n")))
            .map(line -> line.split("=", 2)).filter(kv -> kv.length == 2)
            .forEach(kv -> seconds.merge(kv[0], Double.parseDouble(kv[1]), Double::sum));
        return seconds;
    }

    private static Outcome outcome(List<TestRunEntity> shards) {
        boolean finished = shards.stream().allMatch(s -> s.state().isFinished());
        List<String> broken = shards.stream().flatMap(s -> s.broken().stream()).toList();
        List<String> flaky = shards.stream().flatMap(s -> s.flaky().stream()).toList();
        int done = (int) shards.stream().filter(s -> s.state().isFinished()).count();
        return new Outcome(finished, broken, flaky, shards.stream().mapToInt(TestRunEntity::tests).sum(), done,
                shards.size());
    }
}
