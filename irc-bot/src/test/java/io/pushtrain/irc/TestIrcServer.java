package io.pushtrain.irc;

import java.nio.file.Path;
import java.time.Duration;

import io.pushtrain.irc.connection.Ngircd;
import io.pushtrain.testsupport.ExternalPrograms;

import static org.junit.jupiter.api.Assertions.fail;

/** A real ngircd for a test class: skipped where it is not installed, required in CI. */
final class TestIrcServer {

    private TestIrcServer() {
    }

    static Ngircd start(Path dir) {
        Path binary = ExternalPrograms.require("ngircd", "ngircd");
        Ngircd server = Ngircd.start(binary, dir, "#release");
        if (!server.awaitReady(Duration.ofSeconds(10))) {
            server.close();
            fail("ngircd did not accept connections within 10 s:\n" + server.log());
        }
        return server;
    }
}
