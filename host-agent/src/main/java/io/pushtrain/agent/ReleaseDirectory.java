package io.pushtrain.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The agent's directory on disk:
 * <pre>
 * downloads/&lt;artifactId&gt;/&lt;fileName&gt;      the artifact as BitTorrent wrote it (.part while incomplete)
 * downloads/&lt;artifactId&gt;/artifact.torrent  its torrent, to seed it again after a restart
 * releases/&lt;artifactId&gt;/                  the unpacked release
 * current -&gt; releases/&lt;artifactId&gt;        switched atomically
 * </pre>
 */
final class ReleaseDirectory {

    static final String TORRENT_FILE = "artifact.torrent";
    private static final String INCOMPLETE = ".incomplete-";
    private static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime());

    private final Path dir;
    private final Path downloads;
    private final Path releases;
    private final Path current;

    ReleaseDirectory(Path dir) {
        this.dir = dir.toAbsolutePath();
        this.downloads = this.dir.resolve("downloads");
        this.releases = this.dir.resolve("releases");
        this.current = this.dir.resolve("current");
    }

    void create() throws IOException {
        Files.createDirectories(downloads);
        Files.createDirectories(releases);
    }

    Path downloadDir(String artifactId) {
        return downloads.resolve(artifactId);
    }

    Path release(String artifactId) {
        return releases.resolve(artifactId);
    }

    boolean hasRelease(String artifactId) {
        return Files.isDirectory(release(artifactId), LinkOption.NOFOLLOW_LINKS);
    }

    /** The artifact id {@code current} points at, if it points at a release. */
    Optional<String> current() {
        try {
            Path target = Files.readSymbolicLink(current);
            Path resolved = dir.resolve(target).normalize();
            return resolved.getParent() != null && resolved.getParent().equals(releases)
                    ? Optional.of(resolved.getFileName().toString()) : Optional.empty();
        } catch (NoSuchFileException | NotLinkException e) {
            return Optional.empty(); // nothing yet, or a directory put there by hand: switchTo says so
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the symbolic link " + current, e);
        }
    }

    /**
     * Unpacks a verified artifact into {@code releases/<id>}: first into a sibling directory, then
     * renamed, so a crash halfway leaves no release that looks complete.
     */
    void install(String artifactId, Path artifact, String fileName) throws IOException {
        Path incomplete = releases.resolve(INCOMPLETE + artifactId + "-" + UNIQUE.incrementAndGet());
        try {
            Unpacker.unpack(artifact, fileName, incomplete);
            Files.move(incomplete, release(artifactId), StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(release(artifactId), FileTime.fromMillis(System.currentTimeMillis()));
        } finally {
            deleteTree(incomplete);
        }
    }

    /**
     * Points {@code current} at {@code releases/<id>}: a new symbolic link next to it, renamed over
     * it. rename(2) replaces the old link in one step, so a reader sees the old release or the new one.
     */
    void switchTo(String artifactId) throws IOException {
        Path link = dir.resolve("current.tmp-" + UNIQUE.incrementAndGet());
        Files.createSymbolicLink(link, dir.relativize(release(artifactId)));
        try {
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(current)) {
                throw new AgentException(current + " is not a symbolic link; move it away so the agent can manage it");
            }
            Files.move(link, current, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(link);
        }
    }

    /**
     * Deletes all but the {@code keep} most recently installed releases (and the current one, and
     * {@code alsoKeep}), their downloads, and downloads that belong to no kept release.
     *
     * @return the artifact ids whose releases were deleted
     */
    List<String> prune(int keep, Set<String> alsoKeep) throws IOException {
        Optional<String> now = current();
        List<Path> installed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(releases)) {
            entries.forEach(installed::add);
        }
        installed.sort(Comparator.comparing(ReleaseDirectory::installedAt).reversed());
        List<String> kept = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        for (Path release : installed) {
            String id = release.getFileName().toString();
            if (id.startsWith(INCOMPLETE)) {
                deleteTree(release); // left by a crash during an install
            } else if (kept.size() < keep || now.filter(id::equals).isPresent() || alsoKeep.contains(id)) {
                kept.add(id);
            } else {
                deleteTree(release);
                deleted.add(id);
            }
        }
        try (Stream<Path> entries = Files.list(downloads)) {
            for (Path download : (Iterable<Path>) entries::iterator) {
                String id = download.getFileName().toString();
                if (!kept.contains(id) && !alsoKeep.contains(id)) {
                    deleteTree(download);
                }
            }
        }
        return deleted;
    }

    private static FileTime installedAt(Path release) {
        try {
            return Files.getLastModifiedTime(release, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
