package io.pushtrain.train;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the train runs: where trunk comes from, when it cuts and pushes, how long requesters have
 * to show up, and how a push builds its binary.
 *
 * @param dataDir where the trunk mirror and build outputs live
 * @param zone the time zone of the schedules
 * @param demo generate a demo trunk when no remote is configured
 */
@ConfigurationProperties("pushtrain")
public record TrainProperties(
        @DefaultValue("./pushtrain-data") Path dataDir,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("true") boolean demo,
        @DefaultValue Trunk trunk,
        @DefaultValue Schedule schedule,
        @DefaultValue Push push,
        @DefaultValue Build build,
        @DefaultValue Test test,
        @DefaultValue Perf perf) {

    /**
     * @param remote the git remote everyone commits to; empty means a local (demo) trunk
     * @param branch trunk's branch on that remote
     * @param fetchEvery how often the mirror fetches between cuts and pushes
     */
    public record Trunk(String remote, @DefaultValue("main") String branch,
            @DefaultValue("5m") Duration fetchEvery) {

        public boolean hasRemote() {
            return remote != null && !remote.isBlank();
        }
    }

    /**
     * Quartz cron expressions, in {@link TrainProperties#zone()}.
     *
     * @param cut the weekly cut of a release branch from trunk
     * @param release the weekly push that ships the train as cut
     * @param pushes the daily cherry-pick pushes
     */
    public record Schedule(@DefaultValue("0 0 18 ? * SUN") String cut,
            @DefaultValue("0 0 11 ? * TUE") String release,
            @DefaultValue({ "0 0 11 ? * WED-FRI", "0 0 16 ? * WED-FRI" }) List<String> pushes,
            @DefaultValue("true") boolean enabled) {
    }

    /**
     * @param presenceWindow how long requesters have to confirm before their picks are deferred
     * @param lease how long a node may go silent before another node takes over its pushes
     * @param retries how many times a step is run again when a remote does not answer, before the push fails
     * @param retryBackoff the wait before the first retry; it doubles with each retry
     * @param retryBackoffMax the longest wait between two retries
     */
    public record Push(@DefaultValue("30m") Duration presenceWindow, @DefaultValue("30s") Duration lease,
            @DefaultValue("6") int retries, @DefaultValue("10s") Duration retryBackoff,
            @DefaultValue("5m") Duration retryBackoffMax) {
    }

    /**
     * @param command run in a checkout of the merged branch; prints (last line) or writes to
     *     {@code $PUSHTRAIN_ARTIFACT_FILE} the path of the artifact it built. Empty: no build.
     * @param timeout how long a build may take
     */
    public record Build(String command, @DefaultValue("30m") Duration timeout) {
    }

    /**
     * @param commands run one after another in a checkout of the merged branch, e.g. {@code ./mvnw test};
     *     none: the push is not tested
     * @param reports a glob, relative to the checkout, of the JUnit XML reports the commands write
     * @param shards how many shards the suites are spread over (by their past durations); any node runs them
     * @param timeout how long one shard's commands may take
     * @param lease how long a node may go silent before another node takes over a shard it runs;
     *     renewed while the shard runs, so a long test suite never needs a long lease
     */
    public record Test(List<String> commands, @DefaultValue("**/TEST-*.xml") String reports,
            @DefaultValue("1") int shards, @DefaultValue("30m") Duration timeout,
            @DefaultValue("60s") Duration lease) {

        public Test {
            commands = commands == null ? List.of() : commands.stream().filter(c -> !c.isBlank()).toList();
            if (shards < 1) {
                throw new IllegalArgumentException("pushtrain.test.shards must be 1 or more, was " + shards);
            }
        }

        public boolean configured() {
            return !commands.isEmpty();
        }
    }

    /**
     * @param command the benchmark, run in a checkout of each build; prints JMH's JSON or
     *     {@code name value unit} lines (or writes them to {@code resultFile}). Empty: no Perflab.
     * @param resultFile where the command writes its results, relative to the checkout; empty: its output
     * @param threshold the smallest slowdown that holds a pick back: {@code 3%} or {@code 0.03}
     * @param minRuns runs of each build before the first look
     * @param maxRuns runs of each build at most
     * @param timeout how long one run may take
     * @param budget wall time after which no new run starts; 0 for none
     */
    public record Perf(String command, String resultFile, @DefaultValue("3%") String threshold,
            @DefaultValue("8") int minRuns, @DefaultValue("30") int maxRuns, @DefaultValue("10m") Duration timeout,
            @DefaultValue("0s") Duration budget) {

        public boolean configured() {
            return command != null && !command.isBlank();
        }

        /** The threshold as a fraction: {@code 3%} and {@code 0.03} are both 0.03. */
        public double thresholdFraction() {
            String written = threshold.strip();
            try {
                return written.endsWith("%")
                        ? Double.parseDouble(written.substring(0, written.length() - 1).strip()) / 100
                        : Double.parseDouble(written);
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException("pushtrain.perf.threshold is a percentage like 3% or a fraction"
                        + " like 0.03, was '" + threshold + "'", ex);
            }
        }
    }
}
