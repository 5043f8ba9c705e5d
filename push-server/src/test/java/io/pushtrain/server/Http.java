package io.pushtrain.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain HTTP client for tests that talk to a real server over a real socket. */
public final class Http {

    private static final HttpClient client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER).build();

    private static final JsonMapper json = JsonMapper.builder().build();

    private Http() {
    }

    /** The response's JSON, once its status is the one expected (the body says why when it is not). */
    public static JsonNode body(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    /** A refusal: the status, as problem+json, with a detail that says this. */
    public static void refused(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("detail").asString()).contains(detail);
    }

    public static HttpResponse<String> get(String url, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), authorization);
    }

    public static HttpResponse<String> post(String url, String authorization, String json)
            throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)), authorization);
    }

    public static HttpResponse<String> delete(String url, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), authorization);
    }

    /** Any method, with a JSON body when {@code json} is not null. */
    public static HttpResponse<String> send(String method, String url, String authorization, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return send(request, authorization);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization)
            throws IOException, InterruptedException {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
