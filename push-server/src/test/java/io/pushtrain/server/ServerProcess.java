package io.pushtrain.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The push server as a real child process, started as an operator would start it: its own
 * JVM, its exit code, its console.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern PASSWORD = Pattern.compile("Password: (\\S+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    public final int port;

    private ServerProcess(Process process, Path stdout, Path stderr, int port) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    public static ServerProcess start(Path workDir, int port, String... args) {
        return start(workDir, port, List.of("-cp", System.getProperty("java.class.path"),
                "io.pushtrain.PushtrainApplication"), args);
    }

    /**
     * The packaged {@code target/pushtrain.jar}, as the README starts it (failsafe runs after
     * {@code package}, so it is there): its shutdown hooks and class loading are the operator's.
     */
    public static ServerProcess startJar(Path workDir, int port, String... args) {
        Path jar = Path.of("target", "pushtrain.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is missing: run this test with `mvnw verify` (after package)");
        }
        return start(workDir, port, List.of("-jar", jar.toString()), args);
    }

    private static ServerProcess start(Path workDir, int port, List<String> main, String... args) {
        try {
            Files.createDirectories(workDir);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1"));
            command.addAll(main);
            command.addAll(List.of("--server.port=" + port, "--pushtrain.demo=true"));
            command.addAll(List.of(args));
            Path out = Files.createTempFile(workDir, "stdout", ".log");
            Path err = Files.createTempFile(workDir, "stderr", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("SPRING_DATASOURCE_URL");
            return new ServerProcess(builder.start(), out, err, port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Waits until the server is ready for traffic (its readiness probe answers 200, which
     * happens after the start-up runners); fails with its console if it exits first.
     */
    public void awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().contains("Started PushtrainApplication") && ready()) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with " + process.exitValue() + ":\n" + stdout() + stderr());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server did not start within " + timeout + ":\n" + stdout());
    }

    private boolean ready() {
        try {
            return Http.get(url("/actuator/health/readiness"), null).statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within " + timeout + ":\n" + stdout() + stderr());
        }
        return process.exitValue();
    }

    /** The password printed once at first start; application runners print after "Started". */
    public String adminPassword() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = PASSWORD.matcher(stdout());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no admin password in the log:\n" + stdout());
    }

    public String stdout() {
        return read(stdout);
    }

    /** Whether the console shows {@code line} within {@code timeout}. */
    public boolean awaitLog(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdout().contains(line)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    public String stderr() {
        return read(stderr);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Stops the server as an operator's Ctrl-C would. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * Sends SIGTERM, as systemd, Kubernetes or {@code kill} would, and answers how long the
     * server took to exit; fails with its console if it is not gone within {@code atMost}.
     */
    public Duration terminate(Duration atMost) throws InterruptedException {
        long start = System.nanoTime();
        process.destroy();
        awaitExit(atMost);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the server without warning, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
