package io.pushtrain.server.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.GatekeeperClient;
import io.pushtrain.gatekeeper.client.Rule;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** A toggle reaches 100 connected SDK clients within a second at the 99th percentile, over ten toggles. */
@Tag("slow")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/flag-fanout-data")
class FlagFanoutIntegrationTests {

    private static final int CLIENTS = 100;
    private static final int TOGGLES = 10;

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    Flags flags;

    @Test
    void aToggleReachesAHundredClientsWithinOneSecondAtP99() throws InterruptedException {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String flag = "fanout-" + suffix;
        people.create(new NewPerson("fanout-" + suffix, Set.of(Role.DEVELOPER), null, null));
        String token = people.issueToken("fanout-" + suffix, "fan-out test");
        flags.put(flag, Flag.booleanFlag(flag, false, List.of(Rule.percentage(100, "on"))), null, "pm", "dark");

        List<GatekeeperClient> clients = new ArrayList<>();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(GatekeeperClient.builder("http://127.0.0.1:" + port).token(token).start());
            }
            awaitStreaming(clients);
            for (int t = 1; t <= TOGGLES; t++) {
                micros.addAll(toggle(flag, clients, t % 2 == 1));
            }
        }
        finally {
            clients.forEach(GatekeeperClient::close);
        }

        Collections.sort(micros);
        long p50 = micros.get(micros.size() / 2);
        long p99 = micros.get((int) Math.ceil(micros.size() * 0.99) - 1);
        System.out.printf("fan-out: %d clients x %d toggles: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", CLIENTS, TOGGLES,
                p50 / 1000.0, p99 / 1000.0, micros.get(micros.size() - 1) / 1000.0);
        assertThat(micros).hasSize(CLIENTS * TOGGLES);
        assertThat(p99).isLessThan(1_000_000);
    }

    private List<Long> toggle(String flag, List<GatekeeperClient> clients, boolean on) throws InterruptedException {
        CountDownLatch seen = new CountDownLatch(clients.size());
        List<Long> delays = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (GatekeeperClient client : clients) {
            boolean[] done = { false };
            // The moment the client serves the new state is when its snapshot changes: no polling threads that
            // would compete with the clients for the two cores.
            client.onChange(() -> {
                synchronized (done) {
                    if (!done[0] && client.isEnabled(flag, FlagUser.of("anyone")) == on) {
                        done[0] = true;
                        delays.add((System.nanoTime() - start) / 1_000);
                        seen.countDown();
                    }
                }
            });
        }
        flags.put(flag, flags.get(flag).withEnabled(on), null, "pm", on ? "on" : "off");
        assertThat(seen.await(10, TimeUnit.SECONDS)).as("every client saw the toggle within 10 s").isTrue();
        return delays;
    }

    private static void awaitStreaming(List<GatekeeperClient> clients) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (clients.stream().anyMatch(c -> !c.streaming()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(clients).allMatch(GatekeeperClient::streaming);
    }
}
