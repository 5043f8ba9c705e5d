package io.pushtrain.distribution.artifact;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.SharedTorrent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.TrackerSwarm;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's own seeds: a ttorrent client per artifact over the stored file, announcing to the
 * embedded tracker (and, when it does not answer, to the other nodes' trackers). On start it tracks every stored artifact and seeds the newest
 * {@code pushtrain.distribution.seed-newest} (each client holds a port from 49152 up on the seed
 * address, two threads and a file open). A client's accept thread that ttorrent lets die is revived
 * ({@link AcceptWatch}).
 */
@Component
public class Seeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Seeder.class);

    private final ArtifactRepository artifacts;
    private final EmbeddedTracker tracker;
    private final TrackerSwarm swarm;
    private final DistributionProperties properties;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private volatile boolean running;
    private ScheduledExecutorService watch;

    Seeder(ArtifactRepository artifacts, EmbeddedTracker tracker, TrackerSwarm swarm, DistributionProperties properties) {
        this.artifacts = artifacts;
        this.tracker = tracker;
        this.swarm = swarm;
        this.properties = properties;
    }

    /** Tracks the artifact and seeds it, unless it is seeded already. */
    public synchronized void seed(ArtifactEntity artifact) {
        // Its own node's tracker first; the other nodes' trackers take over if it does not answer.
        byte[] torrent = TorrentFiles.announcingTo(artifact.torrent(), swarm.seederTiers());
        tracker.track(torrent);
        if (!running || properties.distribution().seedNewest() == 0 || clients.containsKey(artifact.id())) {
            return;
        }
        Path file = Path.of(artifact.path());
        if (!Files.isRegularFile(file)) {
            log.warn("Artifact {} is not seeded by the server: its file {} is gone", artifact.id(), file);
            return;
        }
        try {
            SharedTorrent shared = new SharedTorrent(torrent, file.getParent().toFile(), true);
            InetAddress address = properties.seedAddress();
            Client client = new Client(address, shared);
            AcceptWatch.guard(client);
            client.share(-1);
            clients.put(artifact.id(), client);
            makeRoom();
            log.info("Seeding artifact {} from {} on {}", artifact.id(), file, client.getPeerSpec());
        }
        catch (IOException | java.security.NoSuchAlgorithmException | RuntimeException ex) {
            log.warn("Artifact {} is not seeded by the server: {}", artifact.id(), ex.toString());
        }
    }

    /** Whether the server seeds the artifact now. */
    public boolean seeds(String artifactId) {
        return clients.containsKey(artifactId);
    }

    /** Where the server's seed of the artifact listens for peers, while it seeds it. */
    public Optional<InetSocketAddress> address(String artifactId) {
        Client client = clients.get(artifactId);
        return client == null ? Optional.empty()
                : Optional.of(new InetSocketAddress(client.getPeerSpec().getIp(), client.getPeerSpec().getPort()));
    }

    private void makeRoom() {
        int keep = properties.distribution().seedNewest();
        List<String> newest = artifacts.findAllByOrderByCreatedAtDescIdAsc().stream().limit(keep)
                .map(ArtifactEntity::id).toList();
        clients.keySet().stream().filter(id -> !newest.contains(id)).toList().forEach(this::stopSeeding);
    }

    /** Stops the server's seed of the artifact (the tracker keeps tracking it; hosts keep sharing it). */
    public void stopSeeding(String artifactId) {
        Client client = clients.remove(artifactId);
        if (client != null) {
            client.stop(false);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "seed-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(() -> AcceptWatch.revive(clients.values()), 500, 500, TimeUnit.MILLISECONDS);
        List<ArtifactEntity> all = artifacts.findAllByOrderByCreatedAtDescIdAsc();
        int keep = properties.distribution().seedNewest();
        for (int i = 0; i < all.size(); i++) {
            if (i < keep) {
                seed(all.get(i));
            }
            else {
                tracker.track(TorrentFiles.announcingTo(all.get(i).torrent(), tracker.announceUrl()));
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (watch != null) {
            watch.shutdownNow();
            watch = null;
        }
        List.copyOf(clients.keySet()).forEach(this::stopSeeding);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return TrackerSwarm.PHASE + 1;
    }
}
