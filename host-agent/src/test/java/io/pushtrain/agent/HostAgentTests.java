package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAgentTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "poll {0} ms, failure {1} -> wait {2} ms")
    @CsvSource(textBlock = """
            5000, 1, 5000
            5000, 2, 10000
            5000, 3, 20000
            5000, 5, 80000
            5000, 6, 120000
            5000, 500, 120000
            200, 1, 200
            200, 4, 1600
            """)
    void backoffDoublesFromThePollIntervalUpToTwoMinutes(long pollMillis, int failures, long waitMillis) {
        assertThat(HostAgent.backoff(Duration.ofMillis(pollMillis), failures)).isEqualTo(Duration.ofMillis(waitMillis));
    }

    @Test
    void aNewAgentCostsNothingUntilStarted() {
        HostAgent agent = new HostAgent(AgentOptions.of(URI.create("http://push.invalid"), "t", "r1", "canary", dir)
                .withName("host-1"));

        assertThat(agent.status()).isEqualTo(AgentStatus.starting("host-1"));
        assertThat(dir).isEmptyDirectory();
        agent.close();
    }

    @Test
    void aPollAgainstAServerThatIsDownRecordsTheErrorAndDoesNotThrow() throws Exception {
        int port;
        try (ServerSocket nothing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = nothing.getLocalPort();
        }
        try (HostAgent agent = new HostAgent(AgentOptions.of(URI.create("http://127.0.0.1:" + port), "t", "r1",
                "canary", dir).withName("host-1").withAddress(InetAddress.getLoopbackAddress()))) {
            agent.runOnce();
            AgentStatus status = agent.runOnce();

            assertThat(status.registered()).isFalse();
            assertThat(status.consecutiveErrors()).isEqualTo(2);
            assertThat(status.lastError()).contains("Connection refused");
        }
    }
}
