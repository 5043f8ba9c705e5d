package io.pushtrain.agent;

import com.turn.ttorrent.common.Torrent;
import com.turn.ttorrent.tracker.TrackedTorrent;
import com.turn.ttorrent.tracker.Tracker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The BitTorrent side of the agent's tests, all real: a ttorrent {@link Tracker} on a free port
 * (a tracker the agent's engine did not write), and for every published artifact a seed on the
 * agent's own engine, as push-server's seeder runs it. Each peer binds its own loopback address (127.0.1.x), as hosts would.
 */
final class Swarm implements AutoCloseable {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);

    private final Tracker tracker;
    private final Path seedDir;
    private final FakeServer server;
    private final Map<String, PeerEngine.Seed> seeders = new ConcurrentHashMap<>();
    private final Map<String, TrackedTorrent> tracked = new ConcurrentHashMap<>();

    Swarm(FakeServer server, Path seedDir) throws IOException {
        this.server = server;
        this.seedDir = seedDir;
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        tracker = new Tracker(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        tracker.start();
    }

    /** A loopback address no other peer of this JVM uses: 127.0.1.1, 127.0.1.2, ... */
    static InetAddress nextAddress() {
        int n = NEXT_ADDRESS.getAndIncrement();
        try {
            return InetAddress.getByName("127.0." + (1 + n / 250) + "." + (1 + n % 250));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes: what a build looks like to BitTorrent. */
    static byte[] randomBuild(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Publishes {@code content} as artifact {@code id} with its true SHA-256, seeded by the swarm's seeder. */
    FakeServer.Artifact publish(String id, String fileName, byte[] content) throws Exception {
        return publish(id, fileName, content, null);
    }

    /**
     * Publishes {@code content} as artifact {@code id}: a torrent announcing to this swarm's tracker
     * (64 KiB pieces, so small builds still have many), a seeder, and the server's record, whose
     * SHA-256 is {@code claimedSha256} when given (a server that lies, or a torrent that does).
     */
    FakeServer.Artifact publish(String id, String fileName, byte[] content, String claimedSha256) throws Exception {
        return publish(id, fileName, content, claimedSha256, List.of(List.of(tracker.getAnnounceUrl().toURI())));
    }

    /**
     * Publishes {@code content} with a torrent whose first tier is a tracker that does not answer
     * (a push-server node that is down) and whose second is this swarm's: the seeder and every host
     * must move on to get any peer, as with a cluster's announce list.
     */
    FakeServer.Artifact publishBehindADeadTracker(String id, String fileName, byte[] content) throws Exception {
        int closed;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = free.getLocalPort();
        }
        URI dead = URI.create("http://127.0.0.1:" + closed + "/announce");
        return publish(id, fileName, content, null, List.of(List.of(dead), List.of(tracker.getAnnounceUrl().toURI())));
    }

    private FakeServer.Artifact publish(String id, String fileName, byte[] content, String claimedSha256,
            List<List<URI>> announceList) throws Exception {
        Path dir = Files.createDirectories(seedDir.resolve(id));
        Path file = Files.write(dir.resolve(fileName), content);
        Torrent torrent = Torrent.create(file.toFile(), 64 * 1024, announceList, "pushtrain-tests");
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        torrent.save(encoded);
        TrackedTorrent trackedTorrent = tracker.announce(new TrackedTorrent(torrent));
        trackedTorrent.setAnnounceInterval(5);
        tracked.put(id, trackedTorrent);
        seeders.put(id, PeerEngine.configured().seed(encoded.toByteArray(), dir, nextAddress(), 0));
        awaitPeers(id, 1);
        FakeServer.Artifact artifact = new FakeServer.Artifact(id,
                claimedSha256 != null ? claimedSha256 : Sha256.of(file), content.length, fileName,
                encoded.toByteArray());
        server.publish(artifact);
        return artifact;
    }

    /** Waits until the tracker knows {@code peers} peers of the artifact. */
    void awaitPeers(String id, int peers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (tracked.get(id).getPeers().size() < peers) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the tracker never saw " + peers + " peers of " + id);
            }
            Thread.sleep(20);
        }
    }

    /** Stops the original seeder: from now on only hosts that have the artifact can serve it. */
    void stopSeeder(String id) {
        PeerEngine.Seed seeder = seeders.remove(id);
        if (seeder != null) {
            seeder.close();
        }
    }

    @Override
    public void close() {
        for (String id : List.copyOf(seeders.keySet())) {
            stopSeeder(id);
        }
        tracker.stop();
    }
}
