package io.pushtrain.irc.connection;

import java.time.Duration;
import java.util.Optional;

import io.pushtrain.irc.IrcProperties;
import io.pushtrain.train.TrainProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Demo mode's IRC server: with no {@code pushtrain.irc.host} and no trunk remote, a local ngircd
 * (if installed) runs as a child process under {@code <data-dir>/ngircd/} so the bot has
 * somewhere to talk. It starts before the bot connects and stops after it quits.
 */
@Component
public class DemoIrcServer implements SmartLifecycle {

    static final int PHASE = Integer.MAX_VALUE - 2000;

    private static final Logger log = LoggerFactory.getLogger(DemoIrcServer.class);

    private final IrcProperties irc;
    private final TrainProperties train;
    private volatile Ngircd server;
    private volatile boolean missingBinary;

    DemoIrcServer(IrcProperties irc, TrainProperties train) {
        this.irc = irc;
        this.train = train;
    }

    /** Demo mode wants a local server: no host, no trunk remote, and not turned off. */
    public boolean wanted() {
        return !irc.turnedOff() && !irc.hasHost() && irc.demoServer() && train.demo() && !train.trunk().hasRemote();
    }

    /** Demo mode wanted a server but ngircd is not installed. */
    public boolean missingBinary() {
        return missingBinary;
    }

    /** The running server, if demo mode started one. */
    public Optional<Ngircd> server() {
        return Optional.ofNullable(server);
    }

    /** Waits until the server accepts connections; false if there is none or it did not come up. */
    public boolean awaitReady(Duration timeout) {
        Ngircd running = server;
        return running != null && running.awaitReady(timeout);
    }

    @Override
    public void start() {
        if (!wanted()) {
            return;
        }
        Optional<java.nio.file.Path> binary = Ngircd.find();
        if (binary.isEmpty()) {
            missingBinary = true;
            return;
        }
        server = Ngircd.start(binary.get(), train.dataDir().resolve("ngircd"), irc.channels().get(0));
        log.info("Demo mode: started ngircd on {}:{} (config in {}); connect any IRC client there and join {}",
                server.host(), server.port(), train.dataDir().resolve("ngircd"), irc.channels().get(0));
    }

    @Override
    public void stop() {
        Ngircd running = server;
        server = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
