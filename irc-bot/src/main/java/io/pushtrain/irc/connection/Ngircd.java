package io.pushtrain.irc.connection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A local ngircd run as a child process on a free loopback port, with a generated
 * configuration: the demo's IRC server, and the tests' real one.
 */
public final class Ngircd implements AutoCloseable {

    /** Where Debian's package puts it. */
    public static final Path DEBIAN_BINARY = Path.of("/usr/sbin/ngircd");

    private final Process process;
    private final int port;
    private final Path dir;

    private Ngircd(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** The ngircd program, if installed. */
    public static Optional<Path> find() {
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return Optional.of(DEBIAN_BINARY);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String folder : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(folder, "ngircd");
            if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts ngircd with a configuration written to {@code dir}; a server left running there by
     * a process that died without stopping it is stopped first.
     */
    public static Ngircd start(Path binary, Path dir, String channel) {
        try {
            Files.createDirectories(dir);
            stopLeftover(dir);
            int port = freeLoopbackPort();
            Path config = dir.resolve("ngircd.conf");
            Files.writeString(config, config(port, channel));
            Process process = new ProcessBuilder(binary.toString(), "-n", "-f", config.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ngircd.log").toFile()).start();
            Files.writeString(dir.resolve("ngircd.pid"), Long.toString(process.pid()));
            return new Ngircd(process, port, dir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("could not start " + binary + " in " + dir, ex);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** Waits until the server accepts connections; false if it did not within the time or died. */
    public boolean awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            }
            catch (IOException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    /** What ngircd wrote to its log, for a failure message. */
    public String log() {
        try {
            return Files.readString(dir.resolve("ngircd.log"));
        }
        catch (IOException ex) {
            return "(no log: " + ex.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(dir.resolve("ngircd.pid"));
        }
        catch (InterruptedException ex) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String config(int port, String channel) {
        // Penalties off and no per-address limit: the bot and every test client share 127.0.0.1
        // and talk fast; the bot keeps its own flood limit (pushtrain.irc.message-delay).
        return """
                [Global]
                Name = irc.pushtrain.local
                Info = pushtrain local IRC server
                AdminInfo1 = pushtrain demo
                AdminInfo2 = started by pushtrain
                AdminEMail = nobody@pushtrain.local
                Listen = 127.0.0.1
                Ports = %d
                MotdPhrase = pushtrain local IRC server
                [Limits]
                MaxConnectionsIP = 0
                MaxJoins = 0
                MaxNickLength = 30
                MaxPenaltyTime = 0
                PingTimeout = 120
                PongTimeout = 20
                [Options]
                PAM = no
                Ident = no
                DNS = no
                [Channel]
                Name = %s
                Topic = pushtrain: !help lists the commands
                """.formatted(port, channel);
    }

    private static void stopLeftover(Path dir) throws IOException {
        Path pidFile = dir.resolve("ngircd.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("ngircd")).orElse(false))
                .ifPresent(ProcessHandle::destroy);
        }
        catch (NumberFormatException ignored) {
            // a damaged pid file names no process; it is rewritten below
        }
        Files.deleteIfExists(pidFile);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
