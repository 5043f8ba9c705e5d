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
        @DefaultValue Build build) {

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
     */
    public record Push(@DefaultValue("30m") Duration presenceWindow, @DefaultValue("30s") Duration lease) {
    }

    /**
     * @param command run in a checkout of the merged branch; prints (last line) or writes to
     *     {@code $PUSHTRAIN_ARTIFACT_FILE} the path of the artifact it built. Empty: no build.
     * @param timeout how long a build may take
     */
    public record Build(String command, @DefaultValue("30m") Duration timeout) {
    }
}
