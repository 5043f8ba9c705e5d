package io.pushtrain.train.testrun;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.push.DemoCommands;

import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs test shards on this node. Every node of the cluster has one: each claims the oldest
 * waiting shard with a lease, so the shards of a push spread over the nodes, and a shard whose
 * node died is taken over when its lease runs out.
 */
@Component
class TestShardWorker {

    private static final Logger log = LoggerFactory.getLogger(TestShardWorker.class);

    private final JdbcTemplate jdbc;
    private final TestRunRepository runs;
    private final TestRunner runner;
    private final TransactionTemplate tx;
    private final Duration lease;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    TestShardWorker(JdbcTemplate jdbc, TestRunRepository runs, TestRunner runner, TransactionTemplate tx,
            TrainProperties properties, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.runner = runner;
        this.tx = tx;
        // a failing shard runs twice, and exporting the tree takes a while too
        this.lease = DemoCommands.test(properties).timeout().multipliedBy(2).plusMinutes(5);
        this.clock = clock.orElse(Clock.systemUTC());
    }

    @Scheduled(fixedDelayString = "${pushtrain.test.tick:1s}", initialDelayString = "${pushtrain.push.first-tick:2s}")
    void runWaitingShards() {
        Optional<Long> claimed;
        while ((claimed = claim()).isPresent()) {
            run(claimed.get());
        }
    }

    private Optional<Long> claim() {
        Instant now = clock.instant();
        List<Long> ids = jdbc.queryForList("""
                UPDATE train_test_run SET state = 'RUNNING', owner = ?, lease_until = ?, started_at = ?
                WHERE id = (SELECT id FROM train_test_run
                            WHERE state = 'PENDING' OR (state = 'RUNNING' AND lease_until < ?)
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id
                """, Long.class, node, Timestamp.from(now.plus(lease)), Timestamp.from(now), Timestamp.from(now));
        return ids.stream().findFirst();
    }

    private void run(long id) {
        TestRunEntity shard = runs.findById(id).orElseThrow();
        log.info("Push {}: testing {} shard {} of {} on {}", shard.pushId(), shard.commitSha().substring(0, 10),
                shard.shard() + 1, shard.shards(), node);
        ShardResult result;
        try {
            result = runner.run(shard.pushId(), ObjectId.fromString(shard.commitSha()), shard.shard(), shard.shards(),
                    shard.suites());
        }
        catch (IOException | RuntimeException ex) {
            result = new ShardResult(0, List.of("the tests could not run: " + ex.getMessage()), List.of(), null,
                    "the tests could not run: " + ex.getMessage(), null);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return; // the lease runs out and a node runs the shard again
        }
        ShardResult finished = result;
        tx.executeWithoutResult(status -> runs.findById(id).orElseThrow().finish(finished, clock.instant()));
        log.info("Push {}: {} shard {}: {}", shard.pushId(), shard.commitSha().substring(0, 10), shard.shard() + 1,
                finished.detail());
    }
}
