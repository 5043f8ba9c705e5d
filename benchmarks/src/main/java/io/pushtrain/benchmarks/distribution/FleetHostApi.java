package io.pushtrain.benchmarks.distribution;

import io.pushtrain.distribution.BuildManifest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The four host endpoints of docs/host-agent.md ({@code POST /api/hosts}, {@code GET .../desired},
 * {@code GET /api/artifacts/{id}/torrent}, {@code PUT .../state}) over in-memory state, for the fleet
 * benchmark: the push-server's REST without Spring, PostgreSQL and rollouts, which this benchmark does
 * not measure. One tier, one desired build; it notes when each host first reports RUNNING the desired
 * build, on the server's clock, as a rollout would see it.
 */
final class FleetHostApi implements AutoCloseable {

    private static final Pattern DESIRED = Pattern.compile("/api/hosts/([^/]+)/desired");
    private static final Pattern STATE = Pattern.compile("/api/hosts/([^/]+)/state");
    private static final Pattern TORRENT = Pattern.compile("/api/artifacts/([^/]+)/torrent");

    record Artifact(String id, String sha256, long size, String fileName, byte[] torrent) {
    }

    private final String token;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "host-api");
        t.setDaemon(true);
        return t;
    });
    final Map<String, String> registered = new ConcurrentHashMap<>();
    /** Host name to System.nanoTime() of its first RUNNING report of the desired build. */
    final Map<String, Long> running = new ConcurrentHashMap<>();
    /** Host name to System.nanoTime() of its first DOWNLOADING report of the desired build. */
    final Map<String, Long> downloading = new ConcurrentHashMap<>();
    private volatile Artifact desired;
    private final KeyPair signing = newKey();
    private final String keyId = idOf(signing);

    FleetHostApi(String token) throws IOException {
        this.token = token;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        http.createContext("/api/", this::handle);
        http.setExecutor(executor);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** The agents' --server-key: this fake signs manifests as the server does, so the agents check them as in production. */
    String publicKey() {
        return Base64.getEncoder().encodeToString(signing.getPublic().getEncoded());
    }

    private String sign(String manifest) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signing.getPrivate());
            signature.update(manifest.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String idOf(KeyPair key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getPublic().getEncoded()), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    void desire(Artifact artifact) {
        desired = artifact;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.equals("Bearer " + token)) {
                send(exchange, 401, "{\"detail\":\"bad token\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m;
            if (method.equals("POST") && path.equals("/api/hosts")) {
                String name = field(body, "name");
                registered.put(name, field(body, "rack"));
                send(exchange, 200, "{\"name\":\"" + name + "\",\"state\":\"IDLE\"}");
            } else if (method.equals("GET") && (m = DESIRED.matcher(path)).matches()) {
                Artifact a = desired;
                if (!registered.containsKey(m.group(1))) {
                    send(exchange, 404, "{\"detail\":\"unknown host\"}");
                } else if (a == null) {
                    exchange.sendResponseHeaders(204, -1);
                } else {
                    String manifest = new BuildManifest(a.id(), a.fileName(), a.size(), a.sha256(), null, null, null)
                        .text();
                    send(exchange, 200, "{\"artifactId\":\"" + a.id() + "\",\"sha256\":\"" + a.sha256() + "\",\"size\":"
                            + a.size() + ",\"fileName\":\"" + a.fileName() + "\",\"torrent\":\"/api/artifacts/" + a.id()
                            + "/torrent\",\"manifest\":\"" + manifest.replace("\n", "\\n") + "\",\"signatures\":[{\"key\":\""
                            + keyId + "\",\"signature\":\"" + sign(manifest) + "\"}]}");
                }
            } else if (method.equals("PUT") && (m = STATE.matcher(path)).matches()) {
                Artifact a = desired;
                String state = field(body, "state");
                if (a != null && "RUNNING".equals(state) && a.id().equals(field(body, "version"))) {
                    running.putIfAbsent(m.group(1), System.nanoTime());
                } else if (a != null && "DOWNLOADING".equals(state)) {
                    downloading.putIfAbsent(m.group(1), System.nanoTime());
                }
                exchange.sendResponseHeaders(204, -1);
            } else if (method.equals("GET") && (m = TORRENT.matcher(path)).matches() && desired != null
                    && desired.id().equals(m.group(1))) {
                byte[] torrent = desired.torrent();
                exchange.getResponseHeaders().set("Content-Type", "application/x-bittorrent");
                exchange.sendResponseHeaders(200, torrent.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(torrent);
                }
            } else {
                send(exchange, 404, "{\"detail\":\"no such endpoint\"}");
            }
        }
    }

    /** A string or number field of the agent's flat JSON (it writes no nested objects). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[^,}\\s]+)").matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
