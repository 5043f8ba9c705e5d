package io.pushtrain.benchmarks.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The REST API as a caller sees it: JSON in and out, a bearer token or HTTP Basic, a refusal as an exception. */
final class Api {

    static final JsonMapper json = JsonMapper.builder().build();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A refusal: the status and the problem's detail. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String body) {
            super(status + " " + body);
            this.status = status;
        }
    }

    private Api() {
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode get(ServerNode node, String path, String auth) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(node.url(path))).GET(), auth);
    }

    static JsonNode post(ServerNode node, String path, String auth, Object body) throws IOException, InterruptedException {
        String text = body == null ? "{}" : json.writeValueAsString(body);
        return send(HttpRequest.newBuilder(URI.create(node.url(path)))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)), auth);
    }

    private static JsonNode send(HttpRequest.Builder request, String auth) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", auth).timeout(Duration.ofMinutes(2))
            .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new Refused(response.statusCode(), response.body());
        }
        return response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
    }
}
