package io.pushtrain.distribution;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where artifacts live, where the tracker listens, which addresses form which rack, and the tiers
 * a rollout walks through. The keys sit directly under {@code pushtrain.} because operators know
 * them from the API document: {@code pushtrain.data-dir}, {@code pushtrain.tracker.*},
 * {@code pushtrain.racks.*}, {@code pushtrain.distribution.*}.
 *
 * @param dataDir the data folder shared with the rest of pushtrain; artifacts go to {@code artifacts/<id>/}
 * @param tracker the embedded tracker
 * @param racks rack name to the CIDR blocks of its addresses ({@code pushtrain.racks.r1=10.1.0.0/16})
 * @param distribution tiers, rollout tick and seeding
 */
@ConfigurationProperties("pushtrain")
public record DistributionProperties(
        @DefaultValue("./pushtrain-data") Path dataDir,
        @DefaultValue Tracker tracker,
        Map<String, List<String>> racks,
        @DefaultValue Distribution distribution) {

    public DistributionProperties {
        dataDir = dataDir == null ? Path.of("./pushtrain-data") : dataDir;
        tracker = tracker == null ? Tracker.defaults() : tracker;
        racks = racks == null ? Map.of() : Map.copyOf(racks);
        distribution = distribution == null ? Distribution.defaults() : distribution;
    }

    /** The documented defaults with another data folder, for code that runs without Spring's binder. */
    public static DistributionProperties defaults(Path dataDir) {
        return new DistributionProperties(dataDir, Tracker.defaults(), Map.of(), Distribution.defaults());
    }

    /**
     * The embedded tracker.
     *
     * @param host the name or address hosts reach the tracker and the seeder by; it goes into every torrent
     * @param port the tracker's HTTP port; 0 picks a free one
     * @param bind the address the tracker listens on (all interfaces by default)
     * @param answerPeers at most this many peers in one announce answer
     * @param requestDeadline a connection has this long, in all, to send its whole request; then it is closed
     * @param trustedProxies addresses or CIDR blocks of proxies in front of the tracker: from them, and only
     *        from them, the peer's address is the last {@code X-Forwarded-For} entry, else the announce's {@code ip}
     * @param shareEvery how often the tracker writes its live peers to the shared database and reads the other
     *        nodes' trackers and peers (one batch each way, never on the announce path); it is also its heartbeat
     * @param lostAfter a node's tracker that has not beaten for this long leaves every announce list, and its peers
     *        are no longer handed out
     */
    public record Tracker(
            @DefaultValue("127.0.0.1") String host,
            @DefaultValue("6969") int port,
            @DefaultValue("0.0.0.0") String bind,
            @DefaultValue("30") int answerPeers,
            @DefaultValue("5s") Duration requestDeadline,
            List<String> trustedProxies,
            @DefaultValue("2s") Duration shareEvery,
            @DefaultValue("10s") Duration lostAfter) {

        /** A tracker that shares its peers at the default beat (for code that runs without Spring's binder). */
        public Tracker(String host, int port, String bind, int answerPeers, Duration requestDeadline,
                List<String> trustedProxies) {
            this(host, port, bind, answerPeers, requestDeadline, trustedProxies, null, null);
        }

        @ConstructorBinding
        public Tracker {
            check(host != null && !host.isBlank(), "pushtrain.tracker.host names the host hosts reach the tracker by");
            check(port >= 0 && port <= 65535, "pushtrain.tracker.port is 0 (any free port) to 65535");
            bind = bind == null || bind.isBlank() ? "0.0.0.0" : bind;
            check(answerPeers >= 1, "pushtrain.tracker.answer-peers is 1 or more");
            requestDeadline = requestDeadline == null ? Duration.ofSeconds(5) : requestDeadline;
            check(!requestDeadline.isNegative() && !requestDeadline.isZero(), "pushtrain.tracker.request-deadline is positive");
            trustedProxies = trustedProxies == null ? List.of()
                    : trustedProxies.stream().map(String::trim).filter(p -> !p.isEmpty()).toList();
            shareEvery = shareEvery == null ? Duration.ofSeconds(2) : shareEvery;
            check(shareEvery.toMillis() >= 100, "pushtrain.tracker.share-every is 100ms or more");
            lostAfter = lostAfter == null ? Duration.ofSeconds(10) : lostAfter;
            check(lostAfter.compareTo(shareEvery.multipliedBy(2)) >= 0,
                    "pushtrain.tracker.lost-after is at least twice pushtrain.tracker.share-every");
        }

        public static Tracker defaults() {
            return new Tracker("127.0.0.1", 6969, "0.0.0.0", 30, Duration.ofSeconds(5), List.of(), null, null);
        }
    }

    /**
     * Tiers, rollouts and the server's seeder.
     *
     * @param tiers the tiers in rollout order
     * @param tick how often running rollouts look whether their tier has converged
     * @param seedAddress the address the server's seeder listens on and announces (default: the tracker host)
     * @param seedNewest the server seeds this many of the newest artifacts (each takes a port from 49152 up on the seed address)
     * @param hostLostAfter a host that has not registered or reported for this long is LOST: rollouts no longer wait for it
     * @param keyOverlap after a signing key is rotated, manifests carry the old key's signature too for this long,
     *        so hosts installed with the old key keep accepting builds while they are given the new one
     * @param bake per tier, how long a rollout waits after every host of the tier runs the build before it
     *        moves to the next tier ({@code pushtrain.distribution.bake.canary=30m}); a tier not named bakes 0
     * @param unhealthy when a tier's hosts that report unhealthy stop the rollout, and how
     */
    public record Distribution(
            @DefaultValue({ "dogfood", "canary", "prod" }) List<String> tiers,
            @DefaultValue("5s") Duration tick,
            String seedAddress,
            @DefaultValue("4") int seedNewest,
            @DefaultValue("10m") Duration hostLostAfter,
            @DefaultValue("7d") Duration keyOverlap,
            Map<String, Duration> bake,
            @DefaultValue Unhealthy unhealthy) {

        /** The settings before gates (for code that runs without Spring's binder). */
        public Distribution(List<String> tiers, Duration tick, String seedAddress, int seedNewest, Duration hostLostAfter,
                Duration keyOverlap) {
            this(tiers, tick, seedAddress, seedNewest, hostLostAfter, keyOverlap, null, null);
        }

        @ConstructorBinding
        public Distribution {
            tiers = tiers == null || tiers.isEmpty() ? List.of("dogfood", "canary", "prod") : List.copyOf(tiers);
            check(tiers.stream().distinct().count() == tiers.size(), "pushtrain.distribution.tiers names each tier once");
            tick = tick == null ? Duration.ofSeconds(5) : tick;
            check(!tick.isNegative() && !tick.isZero(), "pushtrain.distribution.tick is positive");
            check(seedNewest >= 0 && seedNewest <= 100, "pushtrain.distribution.seed-newest is 0 to 100");
            hostLostAfter = hostLostAfter == null ? Duration.ofMinutes(10) : hostLostAfter;
            check(!hostLostAfter.isNegative() && !hostLostAfter.isZero(), "pushtrain.distribution.host-lost-after is positive");
            keyOverlap = keyOverlap == null ? Duration.ofDays(7) : keyOverlap;
            check(!keyOverlap.isNegative(), "pushtrain.distribution.key-overlap is zero or more");
            bake = bake == null ? Map.of() : Map.copyOf(bake);
            for (Map.Entry<String, Duration> entry : bake.entrySet()) {
                check(tiers.contains(entry.getKey()), "pushtrain.distribution.bake." + entry.getKey()
                        + " names a tier that is not in pushtrain.distribution.tiers (" + String.join(", ", tiers) + ")");
                check(entry.getValue() != null && !entry.getValue().isNegative(),
                        "pushtrain.distribution.bake." + entry.getKey() + " is a duration of zero or more");
            }
            unhealthy = unhealthy == null ? Unhealthy.defaults() : unhealthy;
        }

        /** How long the rollout waits at this tier once every host runs the build. */
        public Duration bakeOf(String tier) {
            return bake.getOrDefault(tier, Duration.ZERO);
        }

        public static Distribution defaults() {
            return new Distribution(List.of("dogfood", "canary", "prod"), Duration.ofSeconds(5), null, 4, Duration.ofMinutes(10),
                    Duration.ofDays(7));
        }
    }

    /**
     * The health gate of every tier.
     *
     * @param share the rollout stops when more than this share (0 to 1) of a tier's hosts report unhealthy
     *        after switching to its build; 0, the default, stops it at the first unhealthy host
     * @param action what it does then: pause (the default; resume or roll back by hand) or roll back
     */
    public record Unhealthy(@DefaultValue("0") double share, @DefaultValue("pause") Action action) {

        /** What the gate does. */
        public enum Action {
            PAUSE, ROLLBACK
        }

        public Unhealthy {
            check(share >= 0 && share < 1, "pushtrain.distribution.unhealthy.share is 0 or more and less than 1 (0.25 is 25%)");
            action = action == null ? Action.PAUSE : action;
        }

        public static Unhealthy defaults() {
            return new Unhealthy(0, Action.PAUSE);
        }
    }

    /** The address the seeder binds to and announces. */
    public InetAddress seedAddress() {
        String address = distribution.seedAddress() == null || distribution.seedAddress().isBlank()
                ? tracker.host() : distribution.seedAddress();
        try {
            return InetAddress.getByName(address);
        }
        catch (UnknownHostException ex) {
            throw new IllegalArgumentException("pushtrain.distribution.seed-address " + address + " does not resolve", ex);
        }
    }

    private static void check(boolean condition, String rule) {
        if (!condition) {
            throw new IllegalArgumentException(rule);
        }
    }
}
