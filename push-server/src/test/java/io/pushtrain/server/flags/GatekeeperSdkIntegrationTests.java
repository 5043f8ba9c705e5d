package io.pushtrain.server.flags;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.openfeature.sdk.Client;
import dev.openfeature.sdk.MutableContext;
import dev.openfeature.sdk.OpenFeatureAPI;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.GatekeeperClient;
import io.pushtrain.gatekeeper.client.GatekeeperProvider;
import io.pushtrain.gatekeeper.client.Rule;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The client SDK against a real push server: the stream, the saved snapshot, OpenFeature, no exceptions. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pushtrain.data-dir=target/gatekeeper-sdk-data")
class GatekeeperSdkIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    People people;

    @Autowired
    Flags flags;

    @TempDir
    Path dir;

    String token;
    String flag;

    @BeforeEach
    void setUp() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson("app-" + suffix, Set.of(Role.DEVELOPER), null, null));
        token = people.issueToken("app-" + suffix, "sdk test");
        flag = "composer-" + suffix;
        flags.put(flag, Flag.booleanFlag(flag, false, List.of(Rule.users("on", "techcrunch"))), null, "pm", "ship dark");
    }

    @Test
    void theSdkSeesAToggleOverTheStreamWithinOneSecond() throws InterruptedException {
        try (GatekeeperClient client = start(server())) {
            awaitStreaming(client);
            assertThat(client.isEnabled(flag, FlagUser.of("techcrunch"))).isFalse();

            long toggled = System.nanoTime();
            flags.put(flag, flags.get(flag).withEnabled(true), null, "pm", "launch for techcrunch");
            while (!client.isEnabled(flag, FlagUser.of("techcrunch")) && System.nanoTime() - toggled < 2_000_000_000L) {
                Thread.sleep(2);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - toggled)).isLessThan(Duration.ofSeconds(1));
            assertThat(client.isEnabled(flag, FlagUser.of("alice"))).isFalse();
        }
    }

    @Test
    void withTheServerDownTheSdkStartsFromTheSnapshotItSaved() throws IOException {
        try (GatekeeperClient online = start(server())) {
            assertThat(online.source()).isEqualTo(GatekeeperClient.Source.SERVER);
        }

        try (GatekeeperClient offline = start(deadServer())) {
            assertThat(offline.source()).isEqualTo(GatekeeperClient.Source.SAVED_SNAPSHOT);
            assertThat(offline.evaluate(flag, FlagUser.of("techcrunch")).reason()).isEqualTo("disabled");
        }
    }

    @Test
    void openFeatureResolvesThroughTheSdkAndNothingEverThrows() throws InterruptedException {
        flags.put(flag, flags.get(flag).withEnabled(true), null, "pm", "on");
        try (GatekeeperClient client = start(server())) {
            OpenFeatureAPI api = OpenFeatureAPI.getInstance();
            api.setProviderAndWait("sdk-it", new GatekeeperProvider(client));
            Client features = api.getClient("sdk-it");

            assertThat(features.getBooleanValue(flag, false, new MutableContext("techcrunch"))).isTrue();
            assertThat(features.getBooleanDetails(flag, false, new MutableContext("alice")).getReason()).isEqualTo("DEFAULT");
            assertThatCode(() -> {
                client.evaluate(null, null);
                client.isEnabled("no-such-flag", FlagUser.of(null));
                client.value(flag, FlagUser.anonymous(), Integer.class, 3);
                features.getIntegerValue(flag, 7, null);
            }).doesNotThrowAnyException();
            api.shutdown();
        }
    }

    private GatekeeperClient start(String url) {
        return GatekeeperClient.builder(url).token(token).snapshotFile(dir.resolve("gatekeeper.json"))
            .timeout(Duration.ofSeconds(2)).start();
    }

    private static void awaitStreaming(GatekeeperClient client) throws InterruptedException {
        for (int i = 0; i < 500 && !client.streaming(); i++) {
            Thread.sleep(10);
        }
        assertThat(client.streaming()).isTrue();
    }

    private String server() {
        return "http://127.0.0.1:" + port;
    }

    private static String deadServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
