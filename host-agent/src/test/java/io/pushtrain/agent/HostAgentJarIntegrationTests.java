package io.pushtrain.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar host-agent.jar} as an operator runs it: the packaged jar, in a process of its own. */
@Tag("slow")
class HostAgentJarIntegrationTests {

    private static final Path JAR = Path.of("target", "host-agent.jar");

    @TempDir
    Path temp;

    private static ProcessBuilder java(List<String> args) {
        assumeTrue(Files.isRegularFile(JAR), "target/host-agent.jar is built by mvn package; run mvn verify");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    @Test
    void badOptionsPrintTheUsageAndExitTwo() throws Exception {
        Process process = java(List.of("--server", "http://push:8080", "--keep", "none")).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr).startsWith("host-agent: ").contains("usage: java -jar host-agent.jar");
    }

    @Test
    void theJarRegistersDownloadsSwitchesAndReportsUntilStopped() throws Exception {
        try (FakeServer server = new FakeServer("host-token");
                Swarm swarm = new Swarm(server, Files.createDirectories(temp.resolve("seeder")))) {
            swarm.publish("b117", "app.bin", Swarm.randomBuild(2_000_000, 117));
            server.desire("canary", "b117");
            Path log = temp.resolve("agent.log");
            ProcessBuilder builder = java(List.of("--server", server.url().toString(), "--server-key",
                    server.publicKey(), "--rack", "r1",
                    "--tier", "canary", "--dir", temp.resolve("web-1").toString(), "--name", "web-1",
                    "--address", Swarm.nextAddress().getHostAddress(), "--poll", "1s",
                    "--post-switch", "echo restarted"))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(CommandLine.TOKEN_VARIABLE, "host-token");
            Process agent = builder.start();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (server.reportsOf("web-1").stream().noneMatch(r -> r.state() == HostState.RUNNING)
                        && System.nanoTime() < deadline && agent.isAlive()) {
                    Thread.sleep(100);
                }
            } finally {
                agent.destroy(); // SIGTERM: the shutdown hook stops the agent
                assertThat(agent.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            String output = Files.readString(log);
            // Kept for docs/host-agent.md: a real log of a real run.
            Files.writeString(Path.of("target", "host-agent-example.log"), output);

            assertThat(server.reportsOf("web-1")).extracting(FakeServer.StateReport::state)
                    .contains(HostState.DOWNLOADING, HostState.VERIFYING, HostState.RUNNING);
            assertThat(output).contains("[web-1] registered as web-1 in rack r1 tier canary")
                    .contains("[web-1] verified b117").contains("[web-1] switched current to b117")
                    .contains("[web-1] post-switch command for b117 exited 0").doesNotContain("SLF4J");
            assertThat(temp.resolve("web-1/current/app.bin")).hasSize(2_000_000);
        }
    }
}
