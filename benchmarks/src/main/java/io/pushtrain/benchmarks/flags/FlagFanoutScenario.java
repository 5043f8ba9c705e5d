package io.pushtrain.benchmarks.flags;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.GatekeeperClient;

/**
 * A toggle in the console reaching connected SDKs: starts N clients against a running push server, flips a flag
 * T times with {@code PUT /api/flags/{name}}, and reports how long each client took to serve the new state.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.pushtrain.benchmarks.flags.FlagFanoutScenario
 * http://localhost:8080 admin <password> [clients=100] [toggles=20]}
 */
public final class FlagFanoutScenario {

    private static final String FLAG = "fanout-scenario";

    private FlagFanoutScenario() {
    }

    public static void main(String[] args) throws Exception {
        String server = args[0];
        String authorization = "Basic " + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int toggles = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        HttpClient http = HttpClient.newHttpClient();
        toggle(http, server, authorization, false);

        List<GatekeeperClient> sdks = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sdks.add(GatekeeperClient.builder(server).basic(args[1], args[2]).start());
        }
        awaitStreaming(sdks);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        for (int t = 1; t <= toggles; t++) {
            boolean on = t % 2 == 1;
            latencies.addAll(measure(http, server, authorization, sdks, on));
        }
        sdks.forEach(GatekeeperClient::close);
        report(clients, toggles, latencies);
    }

    /** Flips the flag once and answers each client's delay, in microseconds, until it served the new state. */
    static List<Long> measure(HttpClient http, String server, String authorization, List<GatekeeperClient> sdks,
            boolean on) throws Exception {
        CountDownLatch seen = new CountDownLatch(sdks.size());
        AtomicLong start = new AtomicLong();
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        List<Runnable> armed = new ArrayList<>();
        for (GatekeeperClient sdk : sdks) {
            boolean[] done = { false };
            Runnable check = () -> {
                synchronized (done) {
                    if (!done[0] && sdk.isEnabled(FLAG, FlagUser.of("anyone")) == on && start.get() > 0) {
                        done[0] = true;
                        delays.add((System.nanoTime() - start.get()) / 1_000);
                        seen.countDown();
                    }
                }
            };
            armed.add(check);
            sdk.onChange(check);
        }
        start.set(System.nanoTime());
        toggle(http, server, authorization, on);
        armed.forEach(Runnable::run); // a client that saw the change before start was set counts now
        if (!seen.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException((sdks.size() - seen.getCount()) + " of " + sdks.size() + " clients saw the toggle in 10 s");
        }
        return delays;
    }

    static void toggle(HttpClient http, String server, String authorization, boolean on) throws Exception {
        String body = "{\"description\": \"fan-out scenario\", \"team\": \"release\", \"enabled\": " + on
                + ", \"variants\": {\"on\": true, \"off\": false}, \"defaultVariant\": \"off\","
                + " \"rules\": [{\"percentage\": 100, \"serve\": \"on\"}], \"reason\": \"fan-out scenario\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + "/api/flags/" + FLAG))
            .header("Authorization", authorization).header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("PUT answered " + response.statusCode() + ": " + response.body());
        }
    }

    static void awaitStreaming(List<GatekeeperClient> sdks) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (sdks.stream().anyMatch(sdk -> !sdk.streaming())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every client connected to the stream in 30 s");
            }
            Thread.sleep(20);
        }
    }

    static void report(int clients, int toggles, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%d clients x %d toggles: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", clients, toggles,
                at(sorted, 0.50) / 1000.0, at(sorted, 0.99) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }

    static long at(List<Long> sorted, double quantile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
