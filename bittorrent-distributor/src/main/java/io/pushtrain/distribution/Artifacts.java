package io.pushtrain.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.pushtrain.distribution.artifact.ArtifactEntity;
import io.pushtrain.distribution.artifact.ArtifactRepository;
import io.pushtrain.distribution.artifact.Seeder;
import io.pushtrain.distribution.artifact.TorrentFiles;
import io.pushtrain.distribution.tracker.EmbeddedTracker;
import io.pushtrain.distribution.tracker.TrackerSwarm;

import com.turn.ttorrent.common.Torrent;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds become artifacts: a SHA-256, a torrent announcing to every node's tracker, a manifest, a
 * row, and the server seeding it. Publishing is idempotent by id and content.
 */
@Service
public class Artifacts {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final ArtifactRepository artifacts;
    private final EmbeddedTracker tracker;
    private final TrackerSwarm swarm;
    private final Seeder seeder;
    private final DistributionProperties properties;
    private final TransactionTemplate transactions;
    private final BuildKeys keys;
    private final Clock clock;
    private final Map<String, byte[]> torrents = new ConcurrentHashMap<>();

    Artifacts(ArtifactRepository artifacts, EmbeddedTracker tracker, TrackerSwarm swarm, Seeder seeder,
            DistributionProperties properties, TransactionTemplate transactions, BuildKeys keys) {
        this.keys = keys;
        this.artifacts = artifacts;
        this.tracker = tracker;
        this.swarm = swarm;
        this.seeder = seeder;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    /**
     * Publishes {@code file} as artifact {@code artifactId}: hashes it, makes its torrent and
     * manifest under {@code <data-dir>/artifacts/<id>/}, stores it, tracks and seeds it. The file
     * is hard-linked there when it is not there already (copied only across file systems). The
     * same id with the same content answers the stored artifact; other content is refused.
     *
     * @throws DistributionException.Invalid for a bad id or a file that is not there
     * @throws DistributionException.Conflict when the id is published with other content
     */
    public ArtifactView publish(String artifactId, Path file) {
        id(artifactId);
        requireFile(file);
        return publish(artifactId, file, TorrentFiles.sha256(file));
    }

    /**
     * Publishes {@code file}, whose SHA-256 its builder already knows, as {@link #publish(String, Path)}
     * does. An id already published with this hash is answered from its row without reading the
     * file again: a build of 1–2 GB is hashed once, by whoever made it.
     *
     * @throws DistributionException.Invalid for a bad id or hash, or a file that is not there
     * @throws DistributionException.Conflict when the id is published with another hash
     */
    public ArtifactView publish(String artifactId, Path file, String sha256) {
        return publish(artifactId, file, sha256, BuildOrigin.UNKNOWN);
    }

    /**
     * {@link #publish(String, Path, String)}, saying where the build came from: its signed manifest
     * names the train and the push.
     */
    public ArtifactView publish(String artifactId, Path file, String sha256, BuildOrigin origin) {
        String id = id(artifactId);
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new DistributionException.Invalid("a SHA-256 is 64 lowercase hex digits");
        }
        // Under the id's lock, so a second publish of the same id (another thread or node) waits and
        // then finds the row, instead of replacing the file under the first one's torrent.
        ArtifactEntity entity = transactions.execute(status -> {
            artifacts.lockId(id);
            Optional<ArtifactEntity> existing = artifacts.findById(id);
            if (existing.isPresent()) {
                return same(existing.get(), sha256);
            }
            requireFile(file);
            ArtifactEntity stored = store(id, file, sha256);
            stored.origin(origin.train(), origin.push());
            return artifacts.save(stored);
        });
        seeder.seed(entity);
        return entity.toView();
    }

    private static void requireFile(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new DistributionException.Invalid("artifact file " + file + " is not a readable file");
        }
    }

    private ArtifactEntity store(String id, Path file, String sha256) {
        Path folder = properties.dataDir().resolve("artifacts").resolve(id).toAbsolutePath().normalize();
        Path stored = place(file, folder);
        long size = sizeOf(stored);
        Torrent torrent = TorrentFiles.create(stored, tracker.announceUrl());
        // Stored naming the trackers alive now; served, it names those alive then (see torrent(String)).
        byte[] encoded = TorrentFiles.announcingTo(TorrentFiles.encoded(torrent), List.of(swarm.announceUrls()));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        write(folder.resolve(stored.getFileName() + ".torrent"), encoded);
        write(folder.resolve("manifest.json"),
                TorrentFiles.manifest(id, stored.getFileName().toString(), sha256, size, now));
        return new ArtifactEntity(id, stored.getFileName().toString(), sha256, size, stored.toString(),
                EmbeddedTracker.hex(torrent.getInfoHash()), encoded, now);
    }

    /**
     * The artifact's manifest, signed by every key that signs now.
     *
     * @throws DistributionException.NotFound for an unknown id
     */
    public BuildManifest manifest(String artifactId) {
        return artifacts.findById(artifactId == null ? "" : artifactId).map(keys::manifestOf)
            .orElseThrow(() -> new DistributionException.NotFound("there is no artifact " + artifactId));
    }

    /** Every artifact, newest first. */
    public List<ArtifactView> list() {
        return artifacts.findAllByOrderByCreatedAtDescIdAsc().stream().map(ArtifactEntity::toView).toList();
    }

    /** The artifact, or empty. */
    public Optional<ArtifactView> get(String artifactId) {
        return artifactId == null ? Optional.empty() : artifacts.findById(artifactId).map(ArtifactEntity::toView);
    }

    /**
     * The artifact's .torrent, announcing to every node's tracker alive now, this node's first, in
     * one BEP 12 tier: a client spreads over them and moves to the next when one does not answer.
     * A torrent made before a node joined names that node too, because the list is made when the
     * torrent is handed out, not when it was stored; the info hash is the same either way.
     *
     * @throws DistributionException.NotFound for an unknown id
     */
    public byte[] torrent(String artifactId) {
        return announcingTo(artifactId, swarm.announceUrls());
    }

    private byte[] announcingTo(String artifactId, List<java.net.URI> trackers) {
        String announce = trackers.toString();
        // An artifact never changes, so every host of the fleet can get the same bytes without a query.
        byte[] cached = torrents.get(artifactId + " " + announce);
        if (cached != null) {
            return cached.clone();
        }
        ArtifactEntity artifact = artifacts.findById(artifactId == null ? "" : artifactId)
                .orElseThrow(() -> new DistributionException.NotFound("no artifact " + artifactId));
        // Published on another node: this node's tracker must know it before its hosts announce.
        tracker.track(artifact.torrent());
        byte[] torrent = TorrentFiles.announcingTo(artifact.torrent(), List.of(trackers));
        if (torrents.size() > 10_000) {
            torrents.clear(); // every change of the swarm makes new keys; never grow without end
        }
        torrents.put(artifactId + " " + announce, torrent);
        return torrent.clone();
    }

    /**
     * The artifact's .torrent as handed to one host: it announces with the host's tracker key
     * ({@link Hosts#trackerKeyOf(String)}), and the tracker hands out only peers that do. The info
     * hash is the artifact's, whoever fetches it.
     *
     * @throws DistributionException.NotFound for an unknown id
     */
    public byte[] torrentFor(String artifactId, String trackerKey) {
        tracker.announceUrl(trackerKey); // refuses what is not a tracker key
        return TorrentFiles.announcingTo(torrent(artifactId), List.of(swarm.announceUrls(trackerKey)));
    }

    /** Whether the server itself seeds the artifact now. */
    public boolean seeding(String artifactId) {
        return seeder.seeds(artifactId);
    }

    private static ArtifactEntity same(ArtifactEntity stored, String sha256) {
        if (!stored.sha256().equals(sha256)) {
            throw new DistributionException.Conflict("artifact " + stored.id() + " is published already with SHA-256 "
                    + stored.sha256() + "; this file has " + sha256 + ": publish it under a new id");
        }
        return stored;
    }

    private static String id(String artifactId) {
        if (artifactId == null || !ID.matcher(artifactId).matches()) {
            throw new DistributionException.Invalid("artifact id " + artifactId
                    + " must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return artifactId;
    }

    /** The file inside the artifact's folder: itself when it is there, else a hard link, else a copy. */
    private static Path place(Path file, Path folder) {
        Path source = file.toAbsolutePath().normalize();
        if (source.getParent().equals(folder)) {
            return source;
        }
        Path target = folder.resolve(source.getFileName());
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(target);
            if (!hardLink(target, source)) {
                copyInto(target, source);
            }
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot place the artifact in " + folder + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A hard link costs no space for a build of gigabytes. It fails across file systems and where
     * the file system has no links; that is not an error, the caller copies instead.
     */
    private static boolean hardLink(Path target, Path source) {
        try {
            Files.createLink(target, source);
            return true;
        }
        catch (UnsupportedOperationException | IOException notLinkable) {
            return false;
        }
    }

    /** Copies beside the target and renames, so a crash never leaves a half-copied artifact under its name. */
    private static void copyInto(Path target, Path source) throws IOException {
        Path partial = target.resolveSibling(source.getFileName() + ".partial");
        Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (AtomicMoveNotSupportedException | FileAlreadyExistsException notAtomic) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void write(Path path, byte[] bytes) {
        try {
            Path partial = path.resolveSibling(path.getFileName() + ".partial");
            Files.write(partial, bytes);
            Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + path + ": " + ex.getMessage(), ex);
        }
    }
}
