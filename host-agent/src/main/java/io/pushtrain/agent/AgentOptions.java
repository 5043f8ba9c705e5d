package io.pushtrain.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one host agent runs: which server, as whom, where its releases live. Build one with
 * {@link #of} and the {@code with...} methods; {@link CommandLine} builds it from arguments.
 *
 * @param server          the push-server's base URL, e.g. {@code http://push.example:8080}
 * @param token           a token of a person with role HOST
 * @param rack            the rack this host sits in (the tracker prefers peers of the same rack)
 * @param tier            the rollout tier whose desired build this host follows
 * @param dir             the agent's directory: {@code downloads/}, {@code releases/}, {@code current}
 * @param name            the host's name at the server
 * @param address         the address the BitTorrent client binds and announces; {@code null}: the
 *                        local address of a socket connected to the server
 * @param poll            how often to ask the server for the desired build
 * @param keep            how many of the newest releases stay on disk for rollback (current always stays)
 * @param postSwitch      a shell command run in the new release directory after each switch, or {@code null}
 * @param maxDownloadKbps download limit in KB/s, 0 for none
 * @param maxUploadKbps   upload limit in KB/s, 0 for none
 * @param serverKeys      the server's build-signing public keys (base64, as {@code GET /api/signing-keys} gives
 *                        them): a build is switched to only when its manifest is signed by one of them
 */
public record AgentOptions(URI server, String token, String rack, String tier, Path dir, String name,
        InetAddress address, Duration poll, int keep, String postSwitch, double maxDownloadKbps,
        double maxUploadKbps, List<String> serverKeys) {

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(5);
    public static final int DEFAULT_KEEP = 3;

    public AgentOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rack, "rack");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(poll, "poll");
        if (!"http".equals(server.getScheme()) && !"https".equals(server.getScheme())) {
            throw new IllegalArgumentException("server must be an http or https URL, was " + server);
        }
        if (poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("poll must be positive, was " + poll);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be 1 or more, was " + keep);
        }
        if (maxDownloadKbps < 0 || maxUploadKbps < 0) {
            throw new IllegalArgumentException("rates must be 0 (no limit) or more");
        }
        serverKeys = serverKeys == null ? List.of() : List.copyOf(serverKeys);
        TrustedKeys.of(serverKeys); // a bad key is a bad option, said at start

    }

    /** The defaults: named after this machine, address found by routing, poll 5 s, keep 3, no limits. */
    public static AgentOptions of(URI server, String token, String rack, String tier, Path dir) {
        return new AgentOptions(server, token, rack, tier, dir, localHostName(), null, DEFAULT_POLL, DEFAULT_KEEP,
                null, 0, 0, List.of());
    }

    public AgentOptions withName(String name) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    public AgentOptions withToken(String token) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    public AgentOptions withAddress(InetAddress address) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    public AgentOptions withPoll(Duration poll) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    public AgentOptions withKeep(int keep) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    public AgentOptions withPostSwitch(String postSwitch) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    /** Limits in KB/s, 0 for none. */
    public AgentOptions withRates(double maxDownloadKbps, double maxUploadKbps) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    /** The server's signing keys this host trusts; a rotation gives hosts the new one beside the old. */
    public AgentOptions withServerKeys(List<String> serverKeys) {
        return new AgentOptions(server, token, rack, tier, dir, name, address, poll, keep, postSwitch,
                maxDownloadKbps, maxUploadKbps, serverKeys);
    }

    static String localHostName() {
        String fromEnv = System.getenv("HOSTNAME");
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // A host without a resolvable name of its own still has a kernel host name.
            return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "localhost";
        }
    }
}
