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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.pushtrain.train.TrainException;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.trunk.PushRefs;

import jakarta.annotation.PreDestroy;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs test shards on this node. Every node of the cluster has one: each claims the oldest
 * waiting shard with a lease, so the shards of a push spread over the nodes. The lease is short
 * and a heartbeat renews it while the shard runs, so a shard whose node died is taken over within
 * about a minute, however long the suite may take.
 */
@Component
class TestShardWorker {

    private static final Logger log = LoggerFactory.getLogger(TestShardWorker.class);
    private static final Duration RETRY_MISSING = Duration.ofSeconds(3);

    private final JdbcTemplate jdbc;
    private final TestRunRepository runs;
    private final TestRunner runner;
    private final PushRefs refs;
    private final TransactionTemplate tx;
    private final Duration lease;
    private final Clock clock;
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-shard-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    TestShardWorker(JdbcTemplate jdbc, TestRunRepository runs, TestRunner runner, PushRefs refs,
            TransactionTemplate tx, TrainProperties properties, Optional<Clock> clock) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.runner = runner;
        this.refs = refs;
        this.tx = tx;
        this.lease = properties.test().lease();
        this.clock = clock.orElse(Clock.systemUTC());
        long beat = Math.max(1, lease.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(this::renewLeases, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** The heartbeat: while this node lives, the shards it runs stay its own. */
    void renewLeases() {
        try {
            int renewed = jdbc.update("UPDATE train_test_run SET lease_until = ? WHERE owner = ? AND state = 'RUNNING'",
                    Timestamp.from(clock.instant().plus(lease)), node);
            if (renewed > 0) {
                log.debug("Renewed the lease of {} running shard(s) on {}", renewed, node);
            }
        }
        catch (RuntimeException ex) {
            log.warn("Could not renew the leases of the shards running on {}: {}", node, ex.toString());
        }
    }

    @PreDestroy
    void stopHeartbeat() {
        heartbeat.shutdownNow();
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

    /**
     * A candidate another node computed is fetched first. One this node cannot get is no broken
     * test: the shard goes back for any node to run a little later, when the push's driver has
     * published it.
     */
    private boolean candidateHere(TestRunEntity shard, ObjectId commit) {
        String why;
        try {
            if (refs.fetch(shard.pushId(), List.of(commit))) {
                return true;
            }
            why = "this node does not have " + commit.abbreviate(10).name() + " and trunk's remote has no ref for it yet";
        }
        catch (TrainException ex) {
            why = ex.getMessage();
        }
        Instant retryAt = clock.instant().plus(RETRY_MISSING);
        jdbc.update("UPDATE train_test_run SET owner = NULL, lease_until = ? WHERE id = ? AND owner = ?",
                Timestamp.from(retryAt), shard.id(), node);
        log.warn("Push {}: shard {} of {} goes back for a retry at {}: {}", shard.pushId(), shard.shard() + 1,
                shard.shards(), retryAt, why);
        return false;
    }

    private void run(long id) {
        TestRunEntity shard = runs.findById(id).orElseThrow();
        log.info("Push {}: testing {} shard {} of {} on {}", shard.pushId(), shard.commitSha().substring(0, 10),
                shard.shard() + 1, shard.shards(), node);
        ObjectId commit = ObjectId.fromString(shard.commitSha());
        if (!candidateHere(shard, commit)) {
            return;
        }
        ShardResult result;
        try {
            result = runner.run(shard.pushId(), commit, shard.shard(), shard.shards(),
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
