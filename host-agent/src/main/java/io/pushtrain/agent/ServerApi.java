package io.pushtrain.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The four calls the agent makes to the push-server. Plain {@link HttpURLConnection}: blocking,
 * keep-alive pooled by the JDK, and no selector thread per agent, so a hundred agents in one JVM
 * cost no more threads than their own loops.
 */
final class ServerApi {

    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final String base;
    private final String token;

    ServerApi(URI server, String token) {
        String s = server.toString();
        this.base = s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        this.token = token;
    }

    /** {@code POST /api/hosts}: idempotent. */
    void register(String name, String rack, String tier, String address) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("rack", rack);
        body.put("tier", tier);
        body.put("address", address);
        call("POST", "/api/hosts", Json.write(body));
    }

    /** {@code GET /api/hosts/{name}/desired}: empty when the tier has no desired build (204). */
    Optional<Desired> desired(String name) throws IOException {
        Response response = call("GET", "/api/hosts/" + encode(name) + "/desired", null);
        if (response.status() == 204 || response.body().length == 0) {
            return Optional.empty();
        }
        return Optional.of(Desired.from(Json.readObject(response.text())));
    }

    /** The .torrent bytes; {@code where} is a path under the server or an absolute URL. */
    byte[] torrent(String where) throws IOException {
        return call("GET", where, null).body();
    }

    /** {@code PUT /api/hosts/{name}/state}; {@code health} is what the post-switch check said of {@code version}, or null. */
    void report(String name, HostState state, String version, int progress, String detail, Health health)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("state", state.name());
        body.put("progress", progress);
        body.put("detail", detail);
        if (health != null) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("status", health.healthy() ? "HEALTHY" : "UNHEALTHY");
            check.put("exitCode", health.exitCode());
            check.put("output", health.output());
            body.put("health", check);
        }
        call("PUT", "/api/hosts/" + encode(name) + "/state", Json.write(body));
    }

    private Response call(String method, String path, String json) throws IOException {
        URI uri = URI.create(path.startsWith("http://") || path.startsWith("https://") ? path : base + path);
        // Never disconnect(): that would close the kept-alive connection the next poll reuses.
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        http.setRequestMethod(method);
        http.setConnectTimeout(CONNECT_TIMEOUT_MS);
        http.setReadTimeout(READ_TIMEOUT_MS);
        http.setRequestProperty("Authorization", "Bearer " + token);
        http.setRequestProperty("Accept", "application/json, application/x-bittorrent");
        if (json != null) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            http.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = http.getResponseCode();
        if (status >= 200 && status < 300) {
            return new Response(status, readAll(http.getInputStream()));
        }
        String problem = new String(readAll(http.getErrorStream()), StandardCharsets.UTF_8);
        throw new AgentException.ServerRefused(status, method + " " + uri.getPath() + " answered " + status
                + (problem.isBlank() ? "" : ": " + abbreviate(problem)));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String s) {
        String line = s.strip().replaceAll("\\s+", " ");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }

    private record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
