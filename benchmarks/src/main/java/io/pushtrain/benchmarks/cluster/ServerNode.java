package io.pushtrain.benchmarks.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One push-server node as its own process ({@code java -jar pushtrain.jar}), on the shared
 * database and trunk remote with its own port, tracker port and data folder. Each start writes a
 * log of its own, so a killed node's console is kept.
 */
final class ServerNode {

    private static final Pattern PASSWORD = Pattern.compile("Password: (\\S+)");
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    final int port;
    private final Path jar;
    private final Path folder;
    private final List<String> settings;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    ServerNode(String name, Path jar, Path folder, int port, List<String> settings) {
        this.name = name;
        this.jar = jar;
        this.folder = folder;
        this.port = port;
        this.settings = List.copyOf(settings);
    }

    void start() throws IOException {
        Files.createDirectories(folder);
        Path log = folder.resolve("console-" + (logs.size() + 1) + ".log");
        logs.add(log);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--pushtrain.data-dir=" + folder.resolve("data")));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().remove("SPRING_DATASOURCE_URL");
        process = builder.start();
    }

    /** Waits until the readiness probe answers 200; fails with the console's tail if the node exits first. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail(60));
            }
            if (ready()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail(60));
    }

    private boolean ready() throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url("/actuator/health/readiness")))
                .timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** The admin password the first node prints once on an empty database. */
    String adminPassword(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = PASSWORD.matcher(console());
            if (matcher.find()) {
                return matcher.group(1);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(name + " printed no admin password:\n" + tail(60));
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a crash or the OOM killer would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Stops the process without waiting: for a shutdown hook. */
    void destroy() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Every console this node wrote, all starts, in order. */
    String console() {
        StringBuilder all = new StringBuilder();
        for (Path log : logs) {
            try {
                all.append(Files.readString(log));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return all.toString();
    }

    String tail(int lines) {
        String[] all = console().split("\n");
        return String.join("\n", List.of(all).subList(Math.max(0, all.length - lines), all.length));
    }

    List<Path> logs() {
        return List.copyOf(logs);
    }
}
