package io.pushtrain.gatekeeper.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The Gatekeeper SDK: loads the flags from the server (or, when it is unreachable, from the snapshot saved
 * on disk), evaluates locally, and follows {@code /api/flags/stream} so a change arrives within a second.
 */
public final class GatekeeperClient extends SnapshotGatekeeper implements AutoCloseable {

    private static final System.Logger log = System.getLogger(GatekeeperClient.class.getName());

    /** Where the flags being served came from. */
    public enum Source { NONE, SAVED_SNAPSHOT, SERVER }

    private final URI server;
    private final String authorization;
    private final SnapshotFile file;
    private final Duration timeout;
    private final Duration reconnectDelay;
    private final HttpClient http;
    private final Thread follower;
    private volatile Source source = Source.NONE;
    private volatile boolean streaming;
    private volatile boolean closed;
    private volatile InputStream openStream;

    private GatekeeperClient(Builder builder) {
        this.server = builder.server;
        this.authorization = builder.authorization;
        this.file = builder.snapshotFile == null ? null : new SnapshotFile(builder.snapshotFile);
        this.timeout = builder.timeout;
        this.reconnectDelay = builder.reconnectDelay;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.follower = new Thread(this::follow, "gatekeeper-stream");
        this.follower.setDaemon(true);
    }

    public static Builder builder(String serverUrl) {
        return new Builder(URI.create(serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl));
    }

    public Source source() {
        return source;
    }

    /** True while the change stream is connected. */
    public boolean streaming() {
        return streaming;
    }

    @Override
    public void close() {
        closed = true;
        follower.interrupt();
        closeQuietly(openStream);
    }

    private GatekeeperClient start() {
        try {
            serve(FlagSnapshot.of(FlagJson.readFlags(fetch("/api/flags"))), Source.SERVER);
        }
        catch (IOException | RuntimeException unreachable) {
            log.log(System.Logger.Level.WARNING, "Gatekeeper at " + server + " did not answer (" + unreachable
                    + "); serving the saved snapshot until it does");
            loadSaved();
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            loadSaved();
        }
        follower.start();
        return this;
    }

    private void loadSaved() {
        if (file != null) {
            file.load().ifPresent(flags -> serve(FlagSnapshot.of(flags), Source.SAVED_SNAPSHOT));
        }
    }

    private void serve(FlagSnapshot next, Source from) {
        replace(next);
        source = from;
        save();
    }

    private void save() {
        if (file != null && source == Source.SERVER) {
            file.save(snapshot().flags());
        }
    }

    private String fetch(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** Follows the stream until closed, reconnecting with a growing pause; each connect starts with a snapshot. */
    private void follow() {
        long pause = reconnectDelay.toMillis();
        while (!closed) {
            try {
                readStream();
                pause = reconnectDelay.toMillis();
            }
            catch (IOException | RuntimeException broken) {
                if (!closed) {
                    log.log(System.Logger.Level.DEBUG, "Gatekeeper stream interrupted: " + broken);
                }
            }
            catch (InterruptedException interrupted) {
                return;
            }
            finally {
                streaming = false;
            }
            try {
                Thread.sleep(pause);
            }
            catch (InterruptedException interrupted) {
                return;
            }
            pause = Math.min(pause * 2, 30_000);
        }
    }

    private void readStream() throws IOException, InterruptedException {
        // No request timeout: the stream stays open for as long as the server keeps it.
        HttpRequest request = request("/api/flags/stream").header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            openStream = body;
            if (response.statusCode() != 200 || closed) {
                throw new IOException("GET /api/flags/stream answered " + response.statusCode());
            }
            streaming = true;
            readEvents(lines);
        }
    }

    private void readEvents(BufferedReader lines) throws IOException {
        String event = "message";
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null && !closed; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    apply(event, data.toString());
                }
                event = "message";
                data.setLength(0);
            }
            else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            }
            else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).stripLeading());
            }
        }
    }

    private void apply(String event, String data) {
        switch (event) {
            case "snapshot" -> serve(FlagSnapshot.of(FlagJson.readFlags(data)), Source.SERVER);
            case "flag" -> {
                Flag flag = FlagJson.readFlag(data);
                update(snapshot -> snapshot.with(flag));
                save();
            }
            case "deleted" -> {
                String name = FlagJson.read(data, Deleted.class).name();
                update(snapshot -> snapshot.without(name));
                save();
            }
            default -> {
                // Unknown events come from a newer server; ignoring them keeps old clients working.
            }
        }
    }

    private static void closeQuietly(InputStream stream) {
        if (stream != null) {
            try {
                stream.close();
            }
            catch (IOException ignored) {
                // closing is how the follower is stopped; a failure to close changes nothing
            }
        }
    }

    record Deleted(String name) {
    }

    /** How to reach the server and where to keep the snapshot. */
    public static final class Builder {

        private final URI server;
        private String authorization;
        private Path snapshotFile;
        private Duration timeout = Duration.ofSeconds(3);
        private Duration reconnectDelay = Duration.ofMillis(500);

        private Builder(URI server) {
            this.server = Objects.requireNonNull(server);
        }

        /** An API token, sent as {@code Authorization: Bearer <token>}. */
        public Builder token(String token) {
            this.authorization = "Bearer " + token;
            return this;
        }

        public Builder basic(String user, String password) {
            this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Where the last snapshot is saved, and read from when the server is unreachable at start. */
        public Builder snapshotFile(Path file) {
            this.snapshotFile = file;
            return this;
        }

        /** How long the start waits for the server before it falls back to the saved snapshot. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = delay;
            return this;
        }

        /** Loads the flags and starts following the stream; never throws for an unreachable server. */
        public GatekeeperClient start() {
            return new GatekeeperClient(this).start();
        }
    }
}
