package io.pushtrain.server.database;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import io.pushtrain.server.StartupProblem;

/**
 * One server per data folder: an operating-system lock on {@code pushtrain.lock}, which names
 * the pid that holds it. Two servers on one folder would share a trunk mirror and, worse, the
 * second would take the first's embedded PostgreSQL for one left running by a crash and stop it.
 * The kernel drops the lock when the process ends, however it ends, so a kill -9 leaves nothing to
 * clean up.
 *
 * <p>The lock belongs to the JVM, not to one application context: several contexts in one JVM
 * (tests) share it, and the last one to close releases it.
 */
final class DataFolderLock implements AutoCloseable {

    static final String FILE = "pushtrain.lock";

    private static final Map<Path, Held> held = new HashMap<>();

    private final Path file;
    private boolean closed;

    private DataFolderLock(Path file) {
        this.file = file;
    }

    /** Takes the lock on {@code root}, or refuses with the pid of the server that has it. */
    static DataFolderLock take(Path root) {
        Path file = root.resolve(FILE).toAbsolutePath().normalize();
        synchronized (held) {
            Held lock = held.get(file);
            if (lock == null) {
                lock = lock(file);
                held.put(file, lock);
            }
            lock.users++;
        }
        return new DataFolderLock(file);
    }

    private static Held lock(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
                channel.close();
                throw new StartupProblem("the data folder " + file.getParent() + " is in use by another pushtrain server ("
                        + (holder.isEmpty() ? "its pid is not written yet" : "pid " + holder) + ")",
                        "stop that server first, or give this one its own folder with pushtrain.data-dir"
                                + " (PUSHTRAIN_DATA_DIR): each node of a cluster has its own, see docs/operations.md,"
                                + " \"Running a cluster\"",
                        null);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new Held(channel, lock);
        }
        catch (IOException | OverlappingFileLockException ex) {
            closeQuietly(channel);
            throw new StartupProblem("the data folder " + file.getParent() + " cannot be locked (" + ex + ")",
                    "make " + file + " writable for this user, or set pushtrain.data-dir (PUSHTRAIN_DATA_DIR)"
                            + " to a folder that is", ex);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (held) {
            if (closed) {
                return;
            }
            closed = true;
            Held lock = held.get(file);
            if (lock != null && --lock.users == 0) {
                held.remove(file);
                lock.lock.release();
                lock.channel.close();
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        }
        catch (IOException ignored) {
            // the refusal that follows names the folder; a failed close adds nothing an operator can act on
        }
    }

    private static final class Held {

        final FileChannel channel;
        final FileLock lock;
        int users;

        Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }
    }
}
