package io.pushtrain.server.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.pushtrain.server.ServerProperties;
import io.pushtrain.server.StartupProblem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The folder where pushtrain keeps its state, checked to be writable and locked for this server
 * before anything starts.
 */
@Component
public class DataDirectory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);

    private final Path root;
    private final DataFolderLock lock;

    DataDirectory(ServerProperties properties) {
        this.root = properties.dataDir().toAbsolutePath().normalize();
        prepare(root);
        this.lock = DataFolderLock.take(root);
        log.info("Data folder: {}", root);
    }

    public Path root() {
        return root;
    }

    public Path resolve(String child) {
        return root.resolve(child);
    }

    @Override
    public void close() throws IOException {
        lock.close();
    }

    private static void prepare(Path root) {
        try {
            Files.createDirectories(root);
            // Root ignores permission bits, so actually write instead of asking Files.isWritable.
            Path probe = Files.createTempFile(root, ".probe", ".tmp");
            Files.delete(probe);
        }
        catch (IOException | SecurityException ex) {
            throw new StartupProblem("the data folder " + root + " is not writable (" + describe(ex) + ")",
                    "make it writable for this user, or set pushtrain.data-dir (PUSHTRAIN_DATA_DIR) to a folder that is",
                    ex);
        }
    }

    private static String describe(Exception ex) {
        String kind = ex.getClass().getSimpleName();
        return ex.getMessage() == null ? kind : kind + ": " + ex.getMessage();
    }
}
