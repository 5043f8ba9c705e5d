package io.pushtrain.server.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.pushtrain.agent.PeerEngine;
import io.pushtrain.testsupport.ExternalPrograms;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** aria2c, the standard client of the distribution tests, downloading one torrent without DHT, LPD or PEX. */
final class Aria2c {

    private Aria2c() {
    }

    /**
     * The program, or the test is skipped (failed in CI). aria2c opens every connection with an
     * encrypted handshake; the seed engine must close one it cannot read and take the plain retry.
     * The host agent's ttorrent 1.5 engine cannot: a first byte of 0x80 to 0xce stops its accept
     * thread for good, so aria2c against the server's seed needs the agent's other engine.
     */
    static Path require() {
        Path aria2c = ExternalPrograms.require("aria2c", "aria2");
        if (PeerEngine.configured() == PeerEngine.TTORRENT) {
            String message = "the server seeds with the host agent's engine, here ttorrent 1.5, which an encrypted"
                    + " handshake (aria2c's first try) stops taking peers; run with -D" + PeerEngine.PROPERTY
                    + " naming an engine that survives it";
            if (ExternalPrograms.inCi()) {
                fail(message + " (PUSHTRAIN_CI=true turns this skip into a failure)");
            }
            Assumptions.abort(message);
        }
        return aria2c;
    }

    /** Starts downloading the torrent into {@code into}, listening on {@code ports}, logging to {@code log}. */
    static Process start(Path aria2c, Path torrent, Path into, String ports, Path log, String... options)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(aria2c.toString(), "--seed-time=0", "--bt-enable-lpd=false",
                "--enable-dht=false", "--enable-peer-exchange=false", "--listen-port=" + ports,
                "--console-log-level=notice", "--summary-interval=0"));
        command.addAll(List.of(options));
        command.addAll(List.of("-d", into.toString(), torrent.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits up to 120 s for the download to end, and asserts that it succeeded. */
    static void await(Process download, Path log) throws IOException, InterruptedException {
        boolean ended = download.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            download.destroyForcibly();
        }
        assertThat(ended).as("aria2c ended within 120 s:\n" + Files.readString(log)).isTrue();
        assertThat(download.exitValue()).as(Files.readString(log)).isZero();
    }
}
