package io.pushtrain.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The agent every host runs: registers, follows its tier's desired build, downloads it over
 * BitTorrent, verifies its SHA-256, unpacks it into {@code releases/<id>}, switches {@code current},
 * runs the post-switch command, reports, and seeds the current build to its rack.
 *
 * <p>In-process use (tests, benchmarks): {@code new HostAgent(options)} costs nothing;
 * {@link #start()} runs the poll loop on one thread of its own; {@link #runOnce()} is one poll on
 * the caller's thread; {@link #status()} and {@link #await} observe; {@link #close()} stops the
 * loop and the BitTorrent clients. The agent's own threads: the loop, plus per shared artifact
 * (at most two: the one downloading and the one seeded) the engine's two threads each.
 */
public final class HostAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostAgent.class.getName());
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final AgentOptions options;
    private final ServerApi server;
    private final ReleaseDirectory releases;
    private final Convergence convergence;
    private final String tag;
    private final Object wakeup = new Object();

    private volatile AgentStatus status;
    private volatile boolean closed;
    private volatile Thread loop;

    // The rest is touched only under this object's lock (runOnce and close).
    private InetAddress address;
    private boolean registered;
    private boolean tokenRefused;
    private int consecutiveErrors;
    private Optional<Desired> desired = Optional.empty();
    private Instant lastPoll = Instant.MIN;

    public HostAgent(AgentOptions options) {
        this.options = options;
        this.server = new ServerApi(options.server(), options.token());
        this.releases = new ReleaseDirectory(options.dir());
        this.tag = "[" + options.name() + "] ";
        this.status = AgentStatus.starting(options.name());
        this.convergence = new Convergence(options, server, releases, tag, this::announce);
    }

    public AgentOptions options() {
        return options;
    }

    /** Polls on a thread of its own ({@code host-agent-<name>}) until {@link #close()}. */
    public synchronized void start() {
        if (closed || loop != null) {
            throw new IllegalStateException("start() once, before close()");
        }
        loop = new Thread(this::loop, "host-agent-" + options.name());
        loop.start();
    }

    /** One poll: register if needed, ask for the desired build, move towards it, report. */
    public synchronized AgentStatus runOnce() {
        step();
        return status;
    }

    /** The latest status; never blocks, so a dashboard or benchmark may read it as often as it likes. */
    /** How often a download was started again after {@code pushtrain.agent.stall-seconds} without a byte. */
    public int stallRestarts() {
        return convergence.stallRestarts();
    }

    public AgentStatus status() {
        return status;
    }

    /** Waits until the status satisfies {@code condition}; for tests and benchmarks. */
    public AgentStatus await(Predicate<AgentStatus> condition, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (wakeup) {
            while (!condition.test(status)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException(options.name() + " did not get there in " + timeout + "; last: " + status);
                }
                wakeup.wait(Math.max(1, left / 1_000_000));
            }
            return status;
        }
    }

    /** Stops polling and sharing; the files stay, so a new agent on the same dir resumes. */
    @Override
    public void close() {
        closed = true;
        Thread thread;
        synchronized (wakeup) {
            thread = loop;
            wakeup.notifyAll();
        }
        if (thread != null && thread != Thread.currentThread()) {
            thread.interrupt();
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            convergence.close();
        }
    }

    private void loop() {
        while (!closed) {
            Duration wait;
            synchronized (this) {
                if (closed) {
                    return;
                }
                wait = step();
            }
            synchronized (wakeup) {
                if (!closed) {
                    try {
                        wakeup.wait(Math.max(1, wait.toMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    /** One poll; returns how long to wait before the next. */
    private Duration step() {
        try {
            if (!registered) {
                register();
            }
            Instant now = Instant.now();
            if (!convergence.isDownloading() || !now.isBefore(lastPoll.plus(options.poll()))) {
                desired = server.desired(options.name());
                lastPoll = now;
            }
            Convergence.Report report = convergence.converge(desired);
            server.report(options.name(), report.state(), version(), report.progress(), report.detail(),
                    convergence.healthOf(version()));
            if (tokenRefused) {
                LOG.info(tag + "the server accepts the token again");
                tokenRefused = false;
            }
            consecutiveErrors = 0;
            publish(report, null);
            return convergence.isDownloading() ? min(PROGRESS_EVERY, options.poll()) : options.poll();
        } catch (AgentException.ServerRefused e) {
            consecutiveErrors++;
            if (e.badToken()) {
                if (!tokenRefused) {
                    LOG.warning(tag + "the server refused the token (HTTP " + e.status() + "): check --token or "
                            + CommandLine.TOKEN_VARIABLE + " (a HOST token, not revoked); retrying with backoff");
                }
                tokenRefused = true;
                registered = false;
            } else {
                registered = registered && e.status() != 404; // a server that forgot this host: register again
                LOG.warning(tag + e.getMessage() + "; retrying in " + seconds(backoff(options.poll(), consecutiveErrors)));
            }
            publish(null, e.getMessage());
        } catch (IOException | UncheckedIOException | AgentException e) {
            consecutiveErrors++;
            LOG.warning(tag + "poll failed (server " + options.server() + "): " + e + "; retrying in "
                    + seconds(backoff(options.poll(), consecutiveErrors)));
            publish(null, e.toString());
        }
        return backoff(options.poll(), consecutiveErrors);
    }

    private void register() throws IOException {
        releases.create();
        if (address == null) {
            address = options.address() != null ? options.address() : routeTo(options.server());
        }
        server.register(options.name(), options.rack(), options.tier(), address.getHostAddress());
        convergence.bind(address);
        registered = true;
        LOG.info(tag + "registered as " + options.name() + " in rack " + options.rack() + " tier " + options.tier()
                + " (BitTorrent on " + address.getHostAddress() + ", current " + version() + ")");
    }

    /** A report in the middle of a poll (VERIFYING): to the server, then to the status. */
    private void announce(Convergence.Report report) throws IOException {
        server.report(options.name(), report.state(), version(), report.progress(), report.detail(),
                    convergence.healthOf(version()));
        publish(report, null);
    }

    private void publish(Convergence.Report report, String error) {
        AgentStatus before = status;
        status = new AgentStatus(options.name(), registered,
                report != null ? report.state() : before.state(), version(),
                report != null ? report.progress() : before.progress(),
                report != null ? report.detail() : before.detail(),
                convergence.seeding(), convergence.bytesUploaded(), convergence.transfer(), consecutiveErrors, error);
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    private String version() {
        return convergence.version();
    }

    /** poll, 2 x poll, 4 x poll, ... up to 2 minutes: a broken server or token never makes an agent spin. */
    static Duration backoff(Duration poll, int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 16);
        Duration wait = poll.multipliedBy(factor);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** The local address of a connection to the server: the interface the server's network reaches. */
    private static InetAddress routeTo(URI server) throws IOException {
        int port = server.getPort() > 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(server.getHost(), port), 5_000);
            return socket.getLocalAddress();
        }
    }
}
