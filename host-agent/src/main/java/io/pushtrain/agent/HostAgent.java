package io.pushtrain.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * (at most two: the one downloading and the one seeded) ttorrent's few threads per peer.
 */
public final class HostAgent implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostAgent.class.getName());
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration PROGRESS_LOG_EVERY = Duration.ofSeconds(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(2);

    private final AgentOptions options;
    private final ServerApi server;
    private final ReleaseDirectory releases;
    private final String tag;
    private final Object wakeup = new Object();

    private volatile AgentStatus status;
    private volatile boolean closed;
    private Thread loop;

    // The rest is touched only under this object's lock (runOnce and close).
    private InetAddress address;
    private boolean registered;
    private boolean tokenRefused;
    private int consecutiveErrors;
    private Optional<Desired> desired = Optional.empty();
    private Instant lastPoll = Instant.MIN;
    private Instant lastProgressLog = Instant.MIN;
    private TorrentSession seeding;
    private TorrentSession downloading;
    private AgentStatus.Transfer transfer;
    private boolean resumeLogged;
    private Failure failure;
    private Failure postSwitchFailure;

    /** Why an artifact is FAILED, and when to try it again. */
    private record Failure(String artifactId, String detail, int count, Instant retryAt) {
    }

    /** What one poll reports. */
    private record Report(HostState state, int progress, String detail) {
    }

    public HostAgent(AgentOptions options) {
        this.options = options;
        this.server = new ServerApi(options.server(), options.token());
        this.releases = new ReleaseDirectory(options.dir());
        this.tag = "[" + options.name() + "] ";
        this.status = AgentStatus.starting(options.name());
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
            stopDownload();
            if (seeding != null) {
                seeding.stop();
                seeding = null;
            }
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
            if (downloading == null || !now.isBefore(lastPoll.plus(options.poll()))) {
                desired = server.desired(options.name());
                lastPoll = now;
            }
            Report report = converge();
            server.report(options.name(), report.state(), version(), report.progress(), report.detail());
            if (tokenRefused) {
                LOG.info(tag + "the server accepts the token again");
                tokenRefused = false;
            }
            consecutiveErrors = 0;
            publish(report, null);
            return downloading != null ? min(PROGRESS_EVERY, options.poll()) : options.poll();
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
                LOG.warning(tag + e.getMessage() + "; retrying in " + seconds(backoff(consecutiveErrors)));
            }
            publish(null, e.getMessage());
        } catch (IOException | UncheckedIOException | AgentException e) {
            consecutiveErrors++;
            LOG.warning(tag + "cannot reach " + options.server() + ": " + e + "; retrying in "
                    + seconds(backoff(consecutiveErrors)));
            publish(null, e.toString());
        }
        return backoff(consecutiveErrors);
    }

    private void register() throws IOException {
        releases.create();
        if (address == null) {
            address = options.address() != null ? options.address() : routeTo(options.server());
        }
        server.register(options.name(), options.rack(), options.tier(), address.getHostAddress());
        registered = true;
        LOG.info(tag + "registered as " + options.name() + " in rack " + options.rack() + " tier " + options.tier()
                + " (BitTorrent on " + address.getHostAddress() + ", current " + version() + ")");
    }

    /** Moves towards the desired build by one step; expected failures are reports, not exceptions. */
    private Report converge() throws IOException {
        String current = version();
        if (desired.isEmpty()) {
            stopDownload();
            return new Report(HostState.IDLE, 0, "the tier has no desired build"
                    + (current == null ? "" : "; current stays " + current));
        }
        Desired want = desired.get();
        try {
            if (want.artifactId().equals(current)) {
                stopDownload();
                seed(want);
                if (postSwitchFailure != null && postSwitchFailure.artifactId().equals(current)) {
                    return new Report(HostState.FAILED, 100, postSwitchFailure.detail());
                }
                return new Report(HostState.RUNNING, 100, "running " + current);
            }
            if (releases.hasRelease(want.artifactId())) {
                stopDownload();
                LOG.info(tag + want.artifactId() + " is already in releases/: switching without downloading");
                return switchTo(want, null);
            }
            if (failure != null && failure.artifactId().equals(want.artifactId())
                    && Instant.now().isBefore(failure.retryAt())) {
                return new Report(HostState.FAILED, 0, failure.detail());
            }
            return download(want);
        } catch (AgentException.ServerRefused e) {
            if (e.badToken()) {
                throw e;
            }
            return fail(want, e.getMessage());
        } catch (IOException | UncheckedIOException | AgentException e) {
            return fail(want, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Report(HostState.FAILED, 0, "stopped while switching to " + want.artifactId());
        }
    }

    private Report download(Desired want) throws IOException, InterruptedException {
        if (downloading == null || !downloading.artifactId().equals(want.artifactId())) {
            stopDownload();
            startDownload(want);
        }
        if (downloading.hasFailed()) {
            return fail(want, "the BitTorrent client for " + want.artifactId() + " stopped (cannot read or write "
                    + releases.downloadDir(want.artifactId()) + "?)");
        }
        boolean complete = downloading.isComplete();
        int percent = downloading.percent();
        transfer = new AgentStatus.Transfer(want.artifactId(), downloading.size(), downloading.bytesAtStart(),
                downloading.bytesDownloaded(), percent);
        if (!resumeLogged && downloading.bytesAtStart() >= 0) {
            resumeLogged = true;
            if (downloading.bytesAtStart() > 0) {
                LOG.info(tag + "resuming " + want.artifactId() + ": " + downloading.bytesAtStart() + " of "
                        + downloading.size() + " bytes were already on disk");
            }
        }
        if (!complete) {
            Instant now = Instant.now();
            if (!now.isBefore(lastProgressLog.plus(PROGRESS_LOG_EVERY))) {
                lastProgressLog = now;
                LOG.info(tag + "downloading " + want.artifactId() + " (" + percent + "%, " + downloading.peers()
                        + " peers)");
            }
            return new Report(HostState.DOWNLOADING, percent, "downloading " + want.artifactId() + " (" + percent
                    + "%)");
        }
        return verifyAndSwitch(want);
    }

    private void startDownload(Desired want) throws IOException {
        byte[] torrent = server.torrent(want.torrent());
        Path dir = releases.downloadDir(want.artifactId());
        Files.createDirectories(dir);
        Files.write(dir.resolve(ReleaseDirectory.TORRENT_FILE), torrent);
        downloading = TorrentSession.start(want.artifactId(), torrent, dir, address, options.maxDownloadKbps(),
                options.maxUploadKbps());
        if (want.size() >= 0 && downloading.size() != want.size()) {
            long size = downloading.size();
            stopDownload();
            throw new AgentException("the torrent of " + want.artifactId() + " holds " + size
                    + " bytes, the server says " + want.size());
        }
        lastProgressLog = Instant.MIN;
        resumeLogged = false;
        LOG.info(tag + "downloading " + want.artifactId() + " (" + want.fileName() + ", " + want.size()
                + " bytes) over BitTorrent");
    }

    private Report verifyAndSwitch(Desired want) throws IOException, InterruptedException {
        // Hashing a large build takes a while: say so first.
        server.report(options.name(), HostState.VERIFYING, version(), 100, "verifying " + want.artifactId());
        publish(new Report(HostState.VERIFYING, 100, "verifying " + want.artifactId()), null);
        String actual = Sha256.of(downloading.file());
        if (!actual.equalsIgnoreCase(want.sha256())) {
            stopDownload();
            ReleaseDirectory.deleteTree(releases.downloadDir(want.artifactId()));
            return fail(want, "SHA-256 mismatch for " + want.artifactId() + ": the server says " + want.sha256()
                    + ", the download is " + actual + "; deleted it, current not switched");
        }
        LOG.info(tag + "verified " + want.artifactId() + " (SHA-256 " + actual.substring(0, 12) + "...)");
        releases.install(want.artifactId(), downloading.file(), want.fileName());
        TorrentSession done = downloading;
        downloading = null;
        return switchTo(want, done);
    }

    private Report switchTo(Desired want, TorrentSession alreadySeeding) throws IOException, InterruptedException {
        String previous = version();
        releases.switchTo(want.artifactId());
        LOG.info(tag + "switched current to " + want.artifactId() + (previous == null ? "" : " (was " + previous + ")"));
        failure = null;
        postSwitchFailure = null;
        if (alreadySeeding != null) {
            replaceSeeding(alreadySeeding);
        } else {
            seed(want);
        }
        Report report = new Report(HostState.RUNNING, 100, "running " + want.artifactId());
        if (options.postSwitch() != null) {
            PostSwitchCommand.Outcome outcome = PostSwitchCommand.run(options.postSwitch(),
                    releases.release(want.artifactId()), want.artifactId(), options.dir().resolve("post-switch.log"));
            if (outcome.ok()) {
                LOG.info(tag + "post-switch command for " + want.artifactId() + " exited 0");
            } else {
                postSwitchFailure = new Failure(want.artifactId(), outcome.detail(), 1, Instant.MAX);
                LOG.warning(tag + "post-switch failed for " + want.artifactId() + ": " + outcome.detail()
                        + " (current stays " + want.artifactId() + ")");
                report = new Report(HostState.FAILED, 100, outcome.detail());
            }
        }
        List<String> pruned = releases.prune(options.keep(), Set.of());
        if (!pruned.isEmpty()) {
            LOG.info(tag + "deleted old releases " + String.join(", ", pruned) + " (keeping " + options.keep() + ")");
        }
        return report;
    }

    /** Seeds {@code want} from disk when its data is there, and stops seeding anything else. */
    private void seed(Desired want) {
        if (seeding != null && seeding.artifactId().equals(want.artifactId())) {
            return;
        }
        Path dir = releases.downloadDir(want.artifactId());
        Path torrent = dir.resolve(ReleaseDirectory.TORRENT_FILE);
        if (!Files.isRegularFile(torrent) || !Files.isRegularFile(dir.resolve(want.fileName()))) {
            replaceSeeding(null);
            return;
        }
        try {
            replaceSeeding(TorrentSession.start(want.artifactId(), Files.readAllBytes(torrent), dir, address,
                    options.maxDownloadKbps(), options.maxUploadKbps()));
        } catch (IOException | AgentException e) {
            replaceSeeding(null);
            LOG.warning(tag + "cannot seed " + want.artifactId() + " to the rack: " + e.getMessage());
        }
    }

    private void replaceSeeding(TorrentSession next) {
        if (seeding != null && seeding != next) {
            seeding.stop();
            LOG.info(tag + "stopped seeding " + seeding.artifactId());
        }
        if (next != null && seeding != next) {
            LOG.info(tag + "seeding " + next.artifactId() + " to the rack");
        }
        seeding = next;
    }

    private void stopDownload() {
        if (downloading != null) {
            downloading.stop();
            LOG.info(tag + "stopped downloading " + downloading.artifactId() + " (the data stays for a resume)");
            downloading = null;
        }
    }

    private Report fail(Desired want, String why) {
        int count = failure != null && failure.artifactId().equals(want.artifactId()) ? failure.count() + 1 : 1;
        Duration retry = backoff(count);
        failure = new Failure(want.artifactId(), why + "; retrying in " + seconds(retry), count,
                Instant.now().plus(retry));
        LOG.warning(tag + failure.detail());
        return new Report(HostState.FAILED, 0, failure.detail());
    }

    private String version() {
        return releases.current().orElse(null);
    }

    private void publish(Report report, String error) {
        AgentStatus before = status;
        status = new AgentStatus(options.name(), registered,
                report != null ? report.state() : before.state(), version(),
                report != null ? report.progress() : before.progress(),
                report != null ? report.detail() : before.detail(),
                seeding == null ? null : seeding.artifactId(),
                seeding == null ? 0 : seeding.bytesUploaded(), transfer, consecutiveErrors, error);
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    private Duration backoff(int failures) {
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 16);
        Duration wait = options.poll().multipliedBy(factor);
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String seconds(Duration d) {
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
