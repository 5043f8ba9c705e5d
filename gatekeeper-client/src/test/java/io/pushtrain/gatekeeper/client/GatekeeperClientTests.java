package io.pushtrain.gatekeeper.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The SDK without a server: offline start from the saved snapshot, and no exception ever reaches the caller. */
class GatekeeperClientTests {

    @TempDir
    Path dir;

    @Test
    void withTheServerDownItStartsFromTheSavedSnapshot() throws IOException {
        Path saved = dir.resolve("flags.json");
        Files.writeString(saved, FlagJson.write(List.of(
                Flag.booleanFlag("composer", true, List.of(Rule.users("on", "techcrunch"))))));

        try (GatekeeperClient client = GatekeeperClient.builder(deadServer()).snapshotFile(saved)
            .timeout(Duration.ofMillis(500)).start()) {
            assertThat(client.source()).isEqualTo(GatekeeperClient.Source.SAVED_SNAPSHOT);
            assertThat(client.isEnabled("composer", FlagUser.of("techcrunch"))).isTrue();
            assertThat(client.isEnabled("composer", FlagUser.of("alice"))).isFalse();
        }
    }

    @Test
    void withTheServerDownAndNothingSavedEveryFlagAnswersItsDefault() throws IOException {
        Path corrupt = dir.resolve("flags.json");
        Files.writeString(corrupt, "{not json");

        assertThatCode(() -> {
            try (GatekeeperClient client = GatekeeperClient.builder(deadServer()).snapshotFile(corrupt)
                .timeout(Duration.ofMillis(500)).start()) {
                assertThat(client.source()).isEqualTo(GatekeeperClient.Source.NONE);
                assertThat(client.isEnabled("composer", FlagUser.of("alice"))).isFalse();
                assertThat(client.value("composer", null, String.class, "fallback")).isEqualTo("fallback");
                assertThat(client.evaluate(null, null).reason()).isEqualTo("unknown flag");
            }
        }).doesNotThrowAnyException();
    }

    @Test
    void aFakeGatekeeperServesWhatTheTestPutsIn() {
        FakeGatekeeper fake = new FakeGatekeeper().enable("composer").disable("checkout");

        assertThat(fake.isEnabled("composer", FlagUser.of("anyone"))).isTrue();
        assertThat(fake.isEnabled("checkout", FlagUser.of("anyone"))).isFalse();
        assertThat(fake.remove("composer").isEnabled("composer", FlagUser.of("anyone"))).isFalse();
    }

    private static String deadServer() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
