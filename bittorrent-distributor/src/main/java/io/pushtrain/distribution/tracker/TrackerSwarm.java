package io.pushtrain.distribution.tracker;

import java.net.URI;
import java.sql.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pushtrain.distribution.DistributionProperties;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The trackers of all nodes as one swarm (issue 15). On every beat ({@code pushtrain.tracker.share-every})
 * this node's tracker, in one transaction, says it is alive, rewrites its live peers in one batch, and
 * reads the live trackers and their peers; the peers go into memory, where announce answers merge them
 * with the tracker's own. An announce never touches the database. A tracker that has not beaten for
 * {@code pushtrain.tracker.lost-after} leaves every announce list and its peers are no longer handed out;
 * one that stops cleanly leaves at once.
 */
public class TrackerSwarm implements SmartLifecycle {

    /** After the tracker, which it shares, and before the seeder, whose torrents name every tracker. */
    public static final int PHASE = EmbeddedTracker.PHASE + 1;

    private static final Logger log = LoggerFactory.getLogger(TrackerSwarm.class);

    private final EmbeddedTracker tracker;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final DistributionProperties properties;
    private final URI own;
    private volatile List<OtherTracker> others = List.of();
    private volatile boolean failing;
    /** Beats in a row that found this tracker's row under another seeder key (only the beat thread counts). */
    private int twinBeats;
    private ScheduledExecutorService beat;
    private volatile boolean running;

    public TrackerSwarm(EmbeddedTracker tracker, DataSource dataSource, PlatformTransactionManager transactionManager,
            DistributionProperties properties) {
        this.tracker = tracker;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.own = tracker.announceUrl();
    }

    /** Every live tracker's announce URL, this node's first: what a torrent's announce list names. */
    public List<URI> announceUrls() {
        List<URI> all = new ArrayList<>();
        all.add(own);
        others.forEach(other -> all.add(other.announceUrl()));
        return List.copyOf(all);
    }

    /** The same URLs with a host's tracker key: every node's tracker knows every host's key. */
    public List<URI> announceUrls(String trackerKey) {
        return announceUrls().stream().map(url -> URI.create(url + "/" + trackerKey)).toList();
    }

    /**
     * What this node's seeder announces to, as announce-list tiers: its own tracker first, then the
     * others (with its key, which they read on their beat) for when its own does not answer.
     */
    public List<List<URI>> seederTiers() {
        List<List<URI>> tiers = new ArrayList<>();
        tiers.add(List.of(tracker.seederAnnounceUrl()));
        List<URI> rest = others.stream().map(other -> URI.create(other.announceUrl() + "/" + tracker.seederKey())).toList();
        if (!rest.isEmpty()) {
            tiers.add(rest);
        }
        return List.copyOf(tiers);
    }

    /** One beat: write this tracker's peers, read the others'. */
    void share() {
        List<SwarmPeer> fresh = tracker.freshPeers();
        Beat beat = transactions.execute(status -> exchange(fresh));
        for (byte[] torrent : beat.torrents()) {
            tracker.track(torrent);
        }
        Map<String, List<SwarmPeer>> byInfoHash = beat.peers().stream().collect(Collectors.groupingBy(SwarmPeer::infoHash));
        Map<String, String> seeders = new HashMap<>();
        beat.trackers().forEach(other -> seeders.put(other.seederKey(), other.seedAddress()));
        tracker.fromOtherTrackers(byInfoHash, seeders);
        sayWhoChanged(beat.trackers());
        others = beat.trackers();
    }

    private Beat exchange(List<SwarmPeer> fresh) {
        double lostAfter = properties.tracker().lostAfter().toMillis() / 1000.0;
        noteATwin(jdbc.query("SELECT count(*) FROM distribution_tracker WHERE announce_url = ? AND seeder_key <> ?",
                (row, n) -> row.getInt(1), own.toString(), tracker.seederKey()).get(0) > 0);
        jdbc.update("INSERT INTO distribution_tracker (announce_url, seeder_key, seed_address, started_at, beat_at)"
                + " VALUES (?, ?, ?, now(), now()) ON CONFLICT (announce_url) DO UPDATE"
                + " SET seeder_key = EXCLUDED.seeder_key, seed_address = EXCLUDED.seed_address, beat_at = now()",
                own.toString(), tracker.seederKey(), properties.seedAddress().getHostAddress());
        // A node gone for a day is not coming back under that URL; its rows only cost reads.
        jdbc.update("DELETE FROM distribution_tracker WHERE beat_at < now() - interval '1 day'");
        List<OtherTracker> trackers = jdbc.query("SELECT announce_url, seeder_key, seed_address FROM distribution_tracker"
                + " WHERE announce_url <> ? AND beat_at > now() - make_interval(secs => ?) ORDER BY announce_url",
                (row, n) -> new OtherTracker(URI.create(row.getString(1)), row.getString(2), row.getString(3)),
                own.toString(), lostAfter);
        jdbc.update("DELETE FROM distribution_tracker_peer WHERE tracker = ?", own.toString());
        if (!trackers.isEmpty()) {
            // A tracker alone writes only its beat: nobody would read its peers (a single node, the demo).
            jdbc.batchUpdate("INSERT INTO distribution_tracker_peer (tracker, info_hash, peer_id, ip, port, rack, seeding, seen_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, now())", fresh, 1000, (statement, peer) -> {
                        statement.setString(1, own.toString());
                        statement.setString(2, peer.infoHash());
                        statement.setString(3, peer.peerId());
                        statement.setString(4, peer.ip());
                        statement.setInt(5, peer.port());
                        statement.setString(6, peer.rack());
                        statement.setBoolean(7, peer.seeding());
                    });
        }
        List<SwarmPeer> peers = jdbc.query("SELECT p.info_hash, p.peer_id, p.ip, p.port, p.rack, p.seeding"
                + " FROM distribution_tracker_peer p JOIN distribution_tracker t ON t.announce_url = p.tracker"
                + " WHERE t.announce_url <> ? AND t.beat_at > now() - make_interval(secs => ?)",
                (row, n) -> new SwarmPeer(row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getString(5), row.getBoolean(6)),
                own.toString(), lostAfter);
        return new Beat(trackers, peers, torrentsNotTrackedHere(peers));
    }

    /**
     * Two nodes with the same announce URL (both left {@code pushtrain.tracker.host} at 127.0.0.1, say)
     * overwrite each other's row on every beat. A restarted node also finds its old row under another
     * key, once; a twin does so beat after beat.
     */
    private void noteATwin(boolean rowOfAnotherKey) {
        twinBeats = rowOfAnotherKey ? twinBeats + 1 : 0;
        if (twinBeats == 2) {
            log.warn("Another node beats as tracker {} too: hosts cannot tell the two apart and the swarm loses the"
                    + " peers of one of them. Set pushtrain.tracker.host (and pushtrain.tracker.port) on each node to"
                    + " the name and port hosts reach that node's tracker by", own);
        }
    }

    /** A build published on another node: this tracker starts tracking it when its peers show up. */
    private List<byte[]> torrentsNotTrackedHere(List<SwarmPeer> peers) {
        Set<String> unknown = new TreeSet<>();
        peers.stream().map(SwarmPeer::infoHash).filter(hash -> !tracker.tracks(hash)).forEach(unknown::add);
        if (unknown.isEmpty()) {
            return List.of();
        }
        return jdbc.execute((ConnectionCallback<List<byte[]>>) connection -> {
            Array hashes = connection.createArrayOf("varchar", unknown.toArray());
            return jdbc.query("SELECT torrent FROM distribution_artifact WHERE upper(info_hash) = ANY (?)",
                    (row, n) -> row.getBytes(1), hashes);
        });
    }

    private void sayWhoChanged(List<OtherTracker> now) {
        Set<URI> before = others.stream().map(OtherTracker::announceUrl).collect(Collectors.toSet());
        Set<URI> after = now.stream().map(OtherTracker::announceUrl).collect(Collectors.toSet());
        for (URI joined : after) {
            if (!before.contains(joined)) {
                log.info("Tracker {} joined the swarm; torrents from this node now announce to {}", joined, urlsOf(now));
            }
        }
        for (URI left : before) {
            if (!after.contains(left)) {
                log.info("Tracker {} left the swarm (stopped, or no beat for {}); torrents from this node now announce to {}", left,
                        words(properties.tracker().lostAfter()), urlsOf(now));
            }
        }
    }

    private List<URI> urlsOf(List<OtherTracker> trackers) {
        List<URI> all = new ArrayList<>(List.of(own));
        trackers.forEach(other -> all.add(other.announceUrl()));
        return all;
    }

    private void beatSafely() {
        try {
            share();
            if (failing) {
                log.info("Tracker {} shares its peers again", own);
                failing = false;
            }
        }
        catch (RuntimeException ex) {
            // The last peers read stay in memory: announces go on being answered while the database is away.
            if (!failing) {
                log.warn("Tracker {} could not share its peers with the other nodes: {}", own, ex.toString());
                failing = true;
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        // The first beat before the seeder starts, so that its torrents already name the other trackers.
        beatSafely();
        long every = properties.tracker().shareEvery().toMillis();
        beat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tracker-swarm");
            thread.setDaemon(true);
            return thread;
        });
        beat.scheduleWithFixedDelay(this::beatSafely, every, every, TimeUnit.MILLISECONDS);
        running = true;
        log.info("Tracker {} is in the swarm with {}, sharing peers every {}", own,
                others.isEmpty() ? "no other tracker" : others.stream().map(OtherTracker::announceUrl).toList(),
                words(properties.tracker().shareEvery()));
    }

    /** {@code 2s}, {@code 500ms}: as the operator wrote it in the configuration, not {@code PT2S}. */
    private static String words(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        beat.shutdownNow();
        try {
            beat.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        try {
            jdbc.update("DELETE FROM distribution_tracker WHERE announce_url = ?", own.toString());
            log.info("Tracker {} leaves the swarm", own);
        }
        catch (RuntimeException ex) {
            log.warn("Tracker {} could not leave the swarm; the others drop it after {}: {}", own,
                    words(properties.tracker().lostAfter()), ex.toString());
        }
    }

    /** Stops beating without leaving, as a node that dies does: for tests of what the others see. */
    synchronized void crash() {
        running = false;
        if (beat != null) {
            beat.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Another node's tracker as of the last beat. */
    private record OtherTracker(URI announceUrl, String seederKey, String seedAddress) {
    }

    private record Beat(List<OtherTracker> trackers, List<SwarmPeer> peers, List<byte[]> torrents) {
    }
}
