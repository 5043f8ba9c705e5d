package io.pushtrain.train.testrun;

import java.time.Instant;
import java.util.List;

import io.pushtrain.train.TestRunState;
import io.pushtrain.train.TestRunView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One shard of the tests of one candidate commit of a push. */
@Entity
@Table(name = "train_test_run")
class TestRunEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private Long pushId;

    private String commitSha;

    /** The ids of the picks the candidate holds, comma-separated, for people reading the results. */
    private String picks;

    private int shard;

    private int shards;

    /** The suites this shard runs, one per line; null runs them all. */
    private String suites;

    @Enumerated(EnumType.STRING)
    private TestRunState state;

    private String owner;

    private Instant leaseUntil;

    private Instant createdAt;

    private Instant startedAt;

    private Instant endedAt;

    private int tests;

    private String broken;

    private String flaky;

    /** {@code suite=seconds} per line: the next push spreads its shards by these. */
    private String timings;

    private String detail;

    private String logPath;

    protected TestRunEntity() {
    }

    TestRunEntity(long pushId, String commitSha, String picks, int shard, int shards, List<String> suites,
            Instant now) {
        this.pushId = pushId;
        this.commitSha = commitSha;
        this.picks = picks;
        this.shard = shard;
        this.shards = shards;
        this.suites = suites.isEmpty() ? null : String.join("\n", suites);
        this.state = TestRunState.PENDING;
        this.createdAt = now;
    }

    void finish(ShardResult result, Instant now) {
        this.state = result.broken().isEmpty() ? TestRunState.PASSED : TestRunState.FAILED;
        this.tests = result.tests();
        this.broken = lines(result.broken());
        this.flaky = lines(result.flaky());
        this.timings = result.timings();
        this.detail = result.detail();
        this.logPath = result.log();
        this.endedAt = now;
        this.owner = null;
        this.leaseUntil = null;
    }

    Long id() {
        return id;
    }

    long pushId() {
        return pushId;
    }

    String commitSha() {
        return commitSha;
    }

    int shard() {
        return shard;
    }

    int shards() {
        return shards;
    }

    List<String> suites() {
        return split(suites);
    }

    TestRunState state() {
        return state;
    }

    List<String> broken() {
        return split(broken);
    }

    List<String> flaky() {
        return split(flaky);
    }

    String timings() {
        return timings;
    }

    int tests() {
        return tests;
    }

    TestRunView toView() {
        return new TestRunView(pushId, commitSha, picks.isEmpty() ? List.of()
                : java.util.Arrays.stream(picks.split(",")).map(Long::valueOf).toList(), shard, shards, state, tests,
                broken(), flaky(), createdAt, startedAt, endedAt, detail);
    }

    private static String lines(List<String> names) {
        return names.isEmpty() ? null : String.join("\n", names);
    }

    private static List<String> split(String lines) {
        return lines == null || lines.isEmpty() ? List.of() : List.of(lines.split("\n"));
    }
}
