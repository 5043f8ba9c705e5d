package io.pushtrain.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of our own push-server for the agent's tests: the four endpoints of the host contract
 * (docs/host-agent.md) over in-memory state. Not the real server: that one is tested with the
 * real agent in push-server's integration tests.
 */
final class FakeServer implements AutoCloseable {

    /** One {@code PUT /api/hosts/{name}/state}. */
    record StateReport(String host, String version, HostState state, int progress, String detail,
            Map<String, Object> health) {
    }

    /** What {@code GET /api/hosts/{name}/desired} answers for an artifact. */
    record Artifact(String id, String sha256, long size, String fileName, byte[] torrent) {
    }

    private static final Pattern DESIRED = Pattern.compile("/api/hosts/([^/]+)/desired");
    private static final Pattern STATE = Pattern.compile("/api/hosts/([^/]+)/state");
    private static final Pattern TORRENT = Pattern.compile("/api/artifacts/([^/]+)/torrent");

    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    final Map<String, Map<String, Object>> hosts = new ConcurrentHashMap<>();
    final Map<String, String> desiredByTier = new ConcurrentHashMap<>();
    final Map<String, Artifact> artifacts = new ConcurrentHashMap<>();
    final List<StateReport> reports = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> torrentFetches = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();

    /** The fake's build-signing key; agents are installed with {@link #publicKey()}. */
    final KeyPair signing = newKey();
    /** Artifacts whose desired answer carries no manifest: a server that does not sign. */
    final Set<String> unsigned = ConcurrentHashMap.newKeySet();
    /** Artifacts whose manifest is signed by this key instead: a server the host does not know. */
    final Map<String, KeyPair> signedBy = new ConcurrentHashMap<>();
    /** Artifacts whose answer says this SHA-256 while the manifest keeps the published one: a hijacked API. */
    final Map<String, String> answeredSha256 = new ConcurrentHashMap<>();

    private final HttpServer http;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    FakeServer(String token) throws IOException {
        tokens.add(token);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/api/", this::handle);
        http.setExecutor(executor);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    void publish(Artifact artifact) {
        artifacts.put(artifact.id(), artifact);
    }

    void desire(String tier, String artifactId) {
        if (artifactId == null) {
            desiredByTier.remove(tier);
        } else {
            desiredByTier.put(tier, artifactId);
        }
    }

    List<StateReport> reportsOf(String host) {
        return reports.stream().filter(r -> r.host().equals(host)).toList();
    }

    int torrentFetches(String artifactId) {
        return torrentFetches.getOrDefault(artifactId, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ") || !tokens.contains(auth.substring(7))) {
                refused.incrementAndGet();
                send(exchange, 401, "{\"detail\":\"bad or revoked token\"}");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher m;
            if (method.equals("POST") && path.equals("/api/hosts")) {
                register(exchange);
            } else if (method.equals("GET") && (m = DESIRED.matcher(path)).matches()) {
                desired(exchange, m.group(1));
            } else if (method.equals("PUT") && (m = STATE.matcher(path)).matches()) {
                state(exchange, m.group(1));
            } else if (method.equals("GET") && (m = TORRENT.matcher(path)).matches()) {
                Artifact artifact = artifacts.get(m.group(1));
                if (artifact == null) {
                    send(exchange, 404, "{\"detail\":\"no such artifact\"}");
                    return;
                }
                torrentFetches.computeIfAbsent(artifact.id(), id -> new AtomicInteger()).incrementAndGet();
                exchange.getResponseHeaders().set("Content-Type", "application/x-bittorrent");
                exchange.sendResponseHeaders(200, artifact.torrent().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(artifact.torrent());
                }
            } else {
                send(exchange, 404, "{\"detail\":\"no such endpoint\"}");
            }
        }
    }

    private void register(HttpExchange exchange) throws IOException {
        Map<String, Object> body = Json.readObject(body(exchange));
        Map<String, Object> host = new LinkedHashMap<>(body);
        Map<String, Object> previous = hosts.get((String) body.get("name"));
        host.put("version", previous == null ? null : previous.get("version"));
        host.put("state", previous == null ? "IDLE" : previous.get("state"));
        host.put("progress", 0);
        host.put("detail", null);
        host.put("lastSeenAt", java.time.Instant.now().toString());
        hosts.put((String) body.get("name"), host);
        send(exchange, 200, Json.write(host));
    }

    private void desired(HttpExchange exchange, String name) throws IOException {
        Map<String, Object> host = hosts.get(name);
        if (host == null) {
            send(exchange, 404, "{\"detail\":\"unknown host\"}");
            return;
        }
        String id = desiredByTier.get((String) host.get("tier"));
        if (id == null) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        Artifact artifact = artifacts.get(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("artifactId", artifact.id());
        body.put("sha256", answeredSha256.getOrDefault(id, artifact.sha256()));
        body.put("size", artifact.size());
        body.put("fileName", artifact.fileName());
        body.put("torrent", "/api/artifacts/" + artifact.id() + "/torrent");
        String json = Json.write(body);
        if (!unsigned.contains(id)) {
            String manifest = manifest(artifact);
            KeyPair key = signedBy.getOrDefault(id, signing);
            body.put("manifest", manifest);
            // The agent's Json writes flat objects only; ids and base64 need no escaping.
            json = Json.write(body).replaceFirst("}$", ",\"signatures\":[{\"key\":\"" + TrustedKeys.idOf(key.getPublic())
                    + "\",\"signature\":\"" + sign(key, manifest) + "\"}]}");
        }
        send(exchange, 200, json);
    }

    private void state(HttpExchange exchange, String name) throws IOException {
        Map<String, Object> body = Json.readObject(body(exchange));
        StateReport report = new StateReport(name, (String) body.get("version"),
                HostState.valueOf((String) body.get("state")), ((Number) body.get("progress")).intValue(),
                (String) body.get("detail"), asObject(body.get("health")));
        reports.add(report);
        Map<String, Object> host = hosts.get(name);
        if (host != null) {
            host.put("version", report.version());
            host.put("state", report.state().name());
        }
        exchange.sendResponseHeaders(204, -1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) {
        return (Map<String, Object>) value;
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The server's manifest format (docs/host-agent.md), as bittorrent-distributor's BuildManifest writes it. */
    static String manifest(Artifact artifact) {
        return TrustedKeys.FORMAT + "\nartifact " + artifact.id() + "\nfile " + artifact.fileName() + "\nsize "
                + artifact.size() + "\nsha256 " + artifact.sha256() + "\ntrain release/2026-11-29\npush 7\n";
    }

    String publicKey() {
        return publicKeyOf(signing);
    }

    static String publicKeyOf(KeyPair key) {
        return Base64.getEncoder().encodeToString(key.getPublic().getEncoded());
    }

    static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(KeyPair key, String text) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key.getPrivate());
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> hostNames() {
        return new ArrayList<>(hosts.keySet());
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
