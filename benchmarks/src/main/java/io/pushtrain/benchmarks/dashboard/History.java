package io.pushtrain.benchmarks.dashboard;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A year of the train as rows, written with plain SQL (the services would need a real trunk
 * commit per pick): weekly trains, pushes twice a working day, each with its five steps and
 * about twenty picks shipped, deferred or conflicted; the rest of the picks open in the queue.
 * Deterministic from a fixed seed.
 */
final class History {

    private static final String[] STEPS = { "select", "presence", "merge", "test", "perf", "build", "land", "distribute", "done" };
    private static final String[] RISKS = { "LOW", "LOW", "LOW", "LOW", "MEDIUM", "MEDIUM", "HIGH" };
    private static final String[] OPEN = { "REQUESTED", "APPROVED", "CONFIRMED", "DEFERRED" };

    private History() {
    }

    static void write(JdbcTemplate jdbc, int picks, int pushes) {
        Random random = new Random(42);
        Instant now = Instant.now();
        Instant firstPush = now.minus(Duration.ofHours(12L * pushes + 24));
        int weeks = pushes / 10 + 1;
        long firstTrain = trains(jdbc, weeks, firstPush);
        int perPush = Math.max(1, (picks - Math.min(500, picks / 10)) / pushes);
        List<Object[]> pickRows = new ArrayList<>();
        List<Object[]> pushPickRows = new ArrayList<>();
        long pickId = 1;
        for (int p = 0; p < pushes; p++) {
            Instant created = firstPush.plus(Duration.ofHours(12L * p));
            long train = firstTrain + Math.min(weeks - 1, p / 10);
            long pushId = push(jdbc, train, created, random);
            for (int i = 0; i < perPush; i++, pickId++) {
                String outcome = random.nextInt(20) == 0 ? "DEFERRED" : random.nextInt(25) == 0 ? "CONFLICT" : "SHIPPED";
                pickRows.add(pick(pickId, train, outcome, pushId, created.minus(Duration.ofHours(3)), random));
                pushPickRows.add(new Object[] { pushId, pickId, i, outcome });
            }
        }
        long currentTrain = firstTrain + weeks - 1;
        for (; pickId <= picks; pickId++) {
            pickRows.add(pick(pickId, currentTrain, OPEN[random.nextInt(OPEN.length)], null,
                    now.minus(Duration.ofMinutes(random.nextInt(2000))), random));
        }
        jdbc.batchUpdate("""
                INSERT INTO train_pick (id, train_id, commit_sha, subject, reason, requester, state, files_changed,
                    lines_changed, discussion, risk, risk_reason, requested_at, push_id, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", pickRows);
        jdbc.batchUpdate("INSERT INTO train_push_pick (push_id, pick_id, position, outcome) VALUES (?, ?, ?, ?)",
                pushPickRows);
        jdbc.execute("SELECT setval('train_pick_id_seq', (SELECT max(id) FROM train_pick))");
        jdbc.execute("ANALYZE");
    }

    private static long trains(JdbcTemplate jdbc, int weeks, Instant first) {
        for (int w = 0; w < weeks; w++) {
            jdbc.update("INSERT INTO train_train (branch, cut_commit, cut_at, cut_by, state) VALUES (?, ?, ?, ?, ?)",
                    "release/week-" + w, sha(1_000_000 + w), Timestamp.from(first.plus(Duration.ofDays(7L * w))),
                    "cron", w == weeks - 1 ? "CUT" : "CLOSED");
        }
        return jdbc.queryForObject("SELECT min(id) FROM train_train", Long.class);
    }

    private static long push(JdbcTemplate jdbc, long train, Instant created, Random random) {
        Instant ended = created.plus(Duration.ofSeconds(600 + random.nextInt(1800)));
        long id = jdbc.queryForObject("""
                INSERT INTO train_push (train_id, kind, state, requested_by, created_at, ended_at, detail)
                VALUES (?, 'PICKS', ?, 'cron', ?, ?, 'benchmark') RETURNING id""", Long.class, train,
                random.nextInt(40) == 0 ? "FAILED" : "DONE", Timestamp.from(created), Timestamp.from(ended));
        for (int s = 0; s < STEPS.length; s++) {
            jdbc.update("""
                    INSERT INTO train_push_step (push_id, position, name, state, started_at, ended_at, progress, detail)
                    VALUES (?, ?, ?, 'DONE', ?, ?, 100, 'done')""", id, s, STEPS[s], Timestamp.from(created),
                    Timestamp.from(ended));
        }
        return id;
    }

    private static Object[] pick(long id, long train, String state, Long push, Instant requested, Random random) {
        String risk = RISKS[random.nextInt(RISKS.length)];
        return new Object[] { id, train, sha(id), "Change " + id + " of the www tree", "needed before the train",
            "dev" + random.nextInt(1000), state, 1 + random.nextInt(30), 1 + random.nextInt(900), random.nextInt(40),
            risk, risk.equals("LOW") ? "ordinary size and discussion against the last 500 picks"
                    : "top 8% by size (812 lines in 14 files), top 9% by discussion (score 23), against the last 500 picks",
            Timestamp.from(requested), push, Timestamp.from(requested) };
    }

    private static String sha(long n) {
        return String.format("%040x", n);
    }
}
