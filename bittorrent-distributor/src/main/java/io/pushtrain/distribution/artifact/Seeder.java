package io.pushtrain.distribution.artifact;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pushtrain.distribution.DistributionProperties;
import io.pushtrain.distribution.SeedEngine;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.TrackerSwarm;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The server's own seeds: one seed per artifact over the stored file, on the application's
 * {@link SeedEngine}, announcing to the embedded tracker (and, when it does not answer, to the other
 * nodes' trackers). On start it tracks every stored artifact and seeds the newest
 * {@code pushtrain.distribution.seed-newest} (each seed holds a port on the seed address and the
 * file open). Without an engine it only tracks, and says so once.
 */
@Component
public class Seeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Seeder.class);

    private final ArtifactRepository artifacts;
    private final EmbeddedTracker tracker;
    private final TrackerSwarm swarm;
    private final DistributionProperties properties;
    private final SeedEngine engine;
    private final Map<String, SeedEngine.Seed> seeds = new ConcurrentHashMap<>();
    private volatile boolean running;

    Seeder(ArtifactRepository artifacts, EmbeddedTracker tracker, TrackerSwarm swarm, DistributionProperties properties,
            ObjectProvider<SeedEngine> engine) {
        this.artifacts = artifacts;
        this.tracker = tracker;
        this.swarm = swarm;
        this.properties = properties;
        this.engine = engine.getIfAvailable();
    }

    /** Tracks the artifact and seeds it, unless it is seeded already or there is no engine to seed with. */
    public synchronized void seed(ArtifactEntity artifact) {
        // Its own node's tracker first; the other nodes' trackers take over if it does not answer.
        byte[] torrent = TorrentFiles.announcingTo(artifact.torrent(), swarm.seederTiers());
        tracker.track(torrent);
        if (!running || engine == null || properties.distribution().seedNewest() == 0 || seeds.containsKey(artifact.id())) {
            return;
        }
        Path file = Path.of(artifact.path());
        if (!Files.isRegularFile(file)) {
            log.warn("Artifact {} is not seeded by the server: its file {} is gone", artifact.id(), file);
            return;
        }
        try {
            SeedEngine.Seed seed = engine.seed(torrent, file.getParent(), properties.seedAddress());
            seeds.put(artifact.id(), seed);
            makeRoom();
            log.info("Seeding artifact {} from {} on {}", artifact.id(), file, seed.address());
        }
        catch (IOException | RuntimeException ex) {
            log.warn("Artifact {} is not seeded by the server: {}", artifact.id(), ex.toString());
        }
    }

    /** Whether the server seeds the artifact now. */
    public boolean seeds(String artifactId) {
        return seeds.containsKey(artifactId);
    }

    /** Where the server's seed of the artifact listens for peers, while it seeds it. */
    public Optional<InetSocketAddress> address(String artifactId) {
        return Optional.ofNullable(seeds.get(artifactId)).map(SeedEngine.Seed::address);
    }

    private void makeRoom() {
        int keep = properties.distribution().seedNewest();
        List<String> newest = artifacts.findAllByOrderByCreatedAtDescIdAsc().stream().limit(keep)
                .map(ArtifactEntity::id).toList();
        seeds.keySet().stream().filter(id -> !newest.contains(id)).toList().forEach(this::stopSeeding);
    }

    /** Stops the server's seed of the artifact (the tracker keeps tracking it; hosts keep sharing it). */
    public void stopSeeding(String artifactId) {
        SeedEngine.Seed seed = seeds.remove(artifactId);
        if (seed != null) {
            long uploaded = seed.uploaded();
            seed.close();
            log.info("Stopped seeding artifact {} after sending {} bytes to peers", artifactId, uploaded);
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        if (engine == null && properties.distribution().seedNewest() > 0) {
            log.warn("The server tracks artifacts but seeds none: this application has no SeedEngine (push-server"
                    + " seeds with the host agent's engine). Hosts get a build only from hosts that already have it.");
        }
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
        List.copyOf(seeds.keySet()).forEach(this::stopSeeding);
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
