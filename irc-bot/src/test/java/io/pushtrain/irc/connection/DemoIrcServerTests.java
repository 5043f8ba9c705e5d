package io.pushtrain.irc.connection;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.pushtrain.irc.IrcProperties;
import io.pushtrain.testsupport.ExternalPrograms;
import io.pushtrain.train.TrainProperties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Demo mode's own IRC server: started only when nothing else is configured, stopped with the server. */
@Tag("slow")
class DemoIrcServerTests {

    @TempDir
    Path dir;

    @Test
    void demoModeStartsNgircdUnderTheDataFolderAndStopsIt() throws IOException {
        ExternalPrograms.require("ngircd", "ngircd");
        DemoIrcServer demo = new DemoIrcServer(irc(null, null), train(true, null));

        demo.start();
        try {
            assertThat(demo.awaitReady(Duration.ofSeconds(10))).isTrue();
            int port = demo.server().orElseThrow().port();
            assertThat(Files.readString(dir.resolve("ngircd/ngircd.conf"))).contains("Ports = " + port,
                    "Listen = 127.0.0.1", "Name = #release");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(socket.isConnected()).isTrue();
            }
        }
        finally {
            demo.stop();
        }
        assertThat(demo.isRunning()).isFalse();
        assertThat(dir.resolve("ngircd/ngircd.pid")).doesNotExist();
    }

    @Test
    void aServerLeftRunningByADeadProcessIsStoppedBeforeTheNextStarts() {
        Path binary = ExternalPrograms.require("ngircd", "ngircd");
        Ngircd orphan = Ngircd.start(binary, dir, "#release");
        assertThat(orphan.awaitReady(Duration.ofSeconds(10))).isTrue();

        try (Ngircd next = Ngircd.start(binary, dir, "#release")) {
            assertThat(next.awaitReady(Duration.ofSeconds(10))).isTrue();
            assertThat(orphan.awaitReady(Duration.ofMillis(500))).as("the orphan is gone").isFalse();
        }
        orphan.close();
    }

    @Test
    void nothingStartsWhenAHostATrunkRemoteOrEnabledFalseIsConfigured() {
        assertThat(new DemoIrcServer(irc("irc.example.com", null), train(true, null)).wanted()).isFalse();
        assertThat(new DemoIrcServer(irc(null, false), train(true, null)).wanted()).isFalse();
        assertThat(new DemoIrcServer(irc(null, null), train(true, "https://git.example.com/trunk.git")).wanted())
            .isFalse();
        assertThat(new DemoIrcServer(irc(null, null), train(false, null)).wanted()).isFalse();
        DemoIrcServer off = new DemoIrcServer(irc(null, false), train(true, null));
        off.start();
        assertThat(off.server()).isEmpty();
        assertThat(off.missingBinary()).isFalse();
    }

    private static IrcProperties irc(String host, Boolean enabled) {
        return new IrcProperties(enabled, host, 6667, false, "pushtrain", new IrcProperties.Sasl(null, null),
                List.of("#release"), Duration.ofMillis(500), 400,
                new IrcProperties.Reconnect(Duration.ofSeconds(1), Duration.ofMinutes(5)),
                new IrcProperties.Flood(5, Duration.ofSeconds(10)), Map.of(), "http://localhost:8080", true);
    }

    private TrainProperties train(boolean demo, String remote) {
        return new TrainProperties(dir, ZoneId.of("UTC"), demo, new TrainProperties.Trunk(remote, "main",
                Duration.ofMinutes(5)), new TrainProperties.Schedule("0 0 18 ? * SUN", "0 0 11 ? * TUE", List.of(), false),
                new TrainProperties.Push(Duration.ofMinutes(30), Duration.ofSeconds(30), 6, Duration.ofSeconds(10),
                        Duration.ofMinutes(5)),
                new TrainProperties.Build(null, Duration.ofMinutes(30)),
                new TrainProperties.Test(List.of(), "**/TEST-*.xml", 1, Duration.ofMinutes(30), Duration.ofSeconds(60)),
                new TrainProperties.Perf(null, null, "3%", 8, 30, Duration.ofMinutes(10), Duration.ZERO));
    }
}
