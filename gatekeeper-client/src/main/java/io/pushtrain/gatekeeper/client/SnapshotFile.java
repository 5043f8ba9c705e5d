package io.pushtrain.gatekeeper.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/** The last snapshot on disk, written to a temporary file and moved into place so a crash never leaves half of it. */
final class SnapshotFile {

    private static final System.Logger log = System.getLogger(SnapshotFile.class.getName());

    private final Path path;

    SnapshotFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    synchronized void save(List<Flag> flags) {
        try {
            Files.createDirectories(path.getParent());
            Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
            Files.writeString(temporary, FlagJson.write(flags));
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException | RuntimeException failed) {
            log.log(System.Logger.Level.WARNING, "could not save the Gatekeeper snapshot to " + path + ": " + failed);
        }
    }

    Optional<List<Flag>> load() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(FlagJson.readFlags(Files.readString(path)));
        }
        catch (IOException | RuntimeException unreadable) {
            log.log(System.Logger.Level.WARNING, "the saved Gatekeeper snapshot " + path + " is unreadable: " + unreadable);
            return Optional.empty();
        }
    }
}
