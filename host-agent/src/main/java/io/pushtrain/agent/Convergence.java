package io.pushtrain.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Moves one host towards its tier's desired build, one poll at a time: download over BitTorrent,
 * verify, install, switch, post-switch, prune, and seed what is current. Expected failures (a hash
 * mismatch, a failed command, a torrent that does not fit) come back as FAILED reports with a time
 * to retry, not as exceptions. {@link HostAgent} owns the loop and the talking; this owns the disk
 * and the BitTorrent sessions: at most two, the one downloading and the one seeded.
 */
final class Convergence {

    private static final Logger LOG = Logger.getLogger(HostAgent.class.getName());
    private static final Duration PROGRESS_LOG_EVERY = Duration.ofSeconds(5);
    /**
     * A download that received nothing for this long is started again from what is on disk:
     * ttorrent 1.5 (kept for comparison) can stall near the end with finished peers connected and
     * never recover; pushtrain's engine moves timed-out requests to other peers, so this is a last resort.
     */
    static final Duration STALL = Duration.ofSeconds(Long.getLong("pushtrain.agent.stall-seconds", 30));

    /** What one poll reports. */
    record Report(HostState state, int progress, String detail) {
    }

    /** Tells the server (and the status) about a step before it takes long. */
    interface Announcer {
        void announce(Report report) throws IOException;
    }

    /** Why an artifact is FAILED, and when to try it again. */
    private record Failure(String artifactId, String detail, int count, Instant retryAt) {
    }

    private final AgentOptions options;
    private final ServerApi server;
    private final ReleaseDirectory releases;
    private final String tag;
    private final Announcer announcer;
    private final TrustedKeys trusted;

    private InetAddress address;
    private Instant lastProgressLog = Instant.MIN;
    private TorrentSession seeding;
    private TorrentSession downloading;
    private AgentStatus.Transfer transfer;
    private boolean resumeLogged;
    private long lastBytes = -1;
    private Instant lastAdvance = Instant.now();
    private Failure failure;
    private Failure postSwitchFailure;
    private Health health;
    private String lastRefusal;
    private int stallRestarts;

    Convergence(AgentOptions options, ServerApi server, ReleaseDirectory releases, String tag, Announcer announcer) {
        this.options = options;
        this.server = server;
        this.releases = releases;
        this.tag = tag;
        this.announcer = announcer;
        this.trusted = TrustedKeys.of(options.serverKeys());
    }

    /** The address the BitTorrent clients bind and announce. */
    void bind(InetAddress address) {
        this.address = address;
    }

    /** How often a download was started again because it stopped moving: what the fleet benchmark counts as stalls. */
    int stallRestarts() {
        return stallRestarts;
    }

    boolean isDownloading() {
        return downloading != null;
    }

    String seeding() {
        return seeding == null ? null : seeding.artifactId();
    }

    long bytesUploaded() {
        return seeding == null ? 0 : seeding.bytesUploaded();
    }

    AgentStatus.Transfer transfer() {
        return transfer;
    }

    /** Stops both BitTorrent sessions; the files stay. */
    void close() {
        stopDownload();
        replaceSeeding(null);
    }

    /** Moves towards the desired build by one step; expected failures are reports, not exceptions. */
    Report converge(Optional<Desired> desired) throws IOException {
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
            Optional<String> refusal = trusted.refusal(want);
            if (refusal.isPresent()) {
                stopDownload();
                return refuse(want, refusal.get());
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
            stopDownload();
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
        if (!complete && stalled(downloading.bytesAtStart() >= 0 ? downloading.bytesDownloaded() : -1)) {
            LOG.warning(tag + "no bytes of " + want.artifactId() + " for " + STALL.toSeconds() + " s at " + percent
                    + "% (" + downloading.peers() + " peers): starting the download again from what is on disk");
            stallRestarts++;
            stopDownload();
            startDownload(want);
            return new Report(HostState.DOWNLOADING, percent, "downloading " + want.artifactId() + " (" + percent
                    + "%, restarted after a stall)");
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

    /** Whether the byte count has not moved for {@link #STALL}; -1 (still checking the disk) never stalls. */
    private boolean stalled(long bytes) {
        Instant now = Instant.now();
        if (bytes < 0 || bytes != lastBytes) {
            lastBytes = bytes;
            lastAdvance = now;
            return false;
        }
        return !now.isBefore(lastAdvance.plus(STALL));
    }

    private void startDownload(Desired want) throws IOException {
        byte[] torrent = server.torrent(want.torrent());
        // Check the torrent against the server's record before anything lands on disk.
        Metainfo contents;
        try {
            contents = Metainfo.parse(torrent);
        } catch (IllegalArgumentException e) {
            throw new AgentException("the torrent of " + want.artifactId() + " is not usable: " + e.getMessage(), e);
        }
        if (!contents.name().equals(want.fileName())) {
            throw new AgentException("the torrent of " + want.artifactId() + " holds " + contents.name()
                    + ", the server says " + want.fileName());
        }
        if (want.size() >= 0 && contents.length() != want.size()) {
            throw new AgentException("the torrent of " + want.artifactId() + " holds " + contents.length()
                    + " bytes, the server says " + want.size());
        }
        Path dir = releases.downloadDir(want.artifactId());
        Files.createDirectories(dir);
        Files.write(dir.resolve(ReleaseDirectory.TORRENT_FILE), torrent);
        downloading = TorrentSession.start(want.artifactId(), torrent, dir, address, options.rack(), options.maxDownloadKbps(),
                options.maxUploadKbps());
        lastProgressLog = Instant.now(); // the line below says 0%; the next progress line comes in 5 s
        lastBytes = -1;
        lastAdvance = Instant.now();
        resumeLogged = false;
        LOG.info(tag + "downloading " + want.artifactId() + " (" + want.fileName() + ", " + want.size()
                + " bytes) over BitTorrent");
    }

    private Report verifyAndSwitch(Desired want) throws IOException, InterruptedException {
        // Hashing a large build takes a while: say so first.
        announcer.announce(new Report(HostState.VERIFYING, 100, "verifying " + want.artifactId()));
        String actual = Sha256.of(downloading.file());
        if (!actual.equalsIgnoreCase(want.sha256())) {
            downloading.stop();
            downloading = null;
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
        health = null;
        if (alreadySeeding != null) {
            replaceSeeding(alreadySeeding);
        } else {
            seed(want);
        }
        Report report = new Report(HostState.RUNNING, 100, "running " + want.artifactId());
        if (options.postSwitch() != null) {
            PostSwitchCommand.Outcome outcome = PostSwitchCommand.run(options.postSwitch(),
                    releases.release(want.artifactId()), want.artifactId(), options.dir().resolve("post-switch.log"));
            health = new Health(want.artifactId(), outcome.ok(), outcome.exitCode(), outcome.lastLine());
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
        if (seeding != null && seeding.artifactId().equals(want.artifactId()) && !seeding.hasFailed()) {
            return;
        }
        Path dir = releases.downloadDir(want.artifactId());
        Path torrent = dir.resolve(ReleaseDirectory.TORRENT_FILE);
        if (!Files.isRegularFile(torrent) || !Files.isRegularFile(dir.resolve(want.fileName()))) {
            replaceSeeding(null);
            return;
        }
        try {
            replaceSeeding(TorrentSession.start(want.artifactId(), Files.readAllBytes(torrent), dir, address, options.rack(),
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

    void stopDownload() {
        if (downloading != null) {
            downloading.stop();
            LOG.info(tag + "stopped downloading " + downloading.artifactId() + " (the data stays for a resume)");
            downloading = null;
        }
    }

    /**
     * A build the server does not vouch for is never downloaded or switched to. It is checked again
     * at every poll (a rotated key or a fixed manifest may come), but said in the log once.
     */
    private Report refuse(Desired want, String why) {
        String current = version();
        String detail = why + (current == null ? "" : "; current stays " + current);
        if (!detail.equals(lastRefusal)) {
            LOG.warning(tag + detail);
            lastRefusal = detail;
        }
        return new Report(HostState.FAILED, 0, detail);
    }

    private Report fail(Desired want, String why) {
        int count = failure != null && failure.artifactId().equals(want.artifactId()) ? failure.count() + 1 : 1;
        Duration retry = HostAgent.backoff(options.poll(), count);
        failure = new Failure(want.artifactId(), why + "; retrying in " + HostAgent.seconds(retry), count,
                Instant.now().plus(retry));
        LOG.warning(tag + failure.detail());
        return new Report(HostState.FAILED, 0, failure.detail());
    }

    /** What the post-switch command said of {@code version} when the agent switched to it; null when it did not run. */
    Health healthOf(String version) {
        return health != null && health.artifactId().equals(version) ? health : null;
    }

    String version() {
        return releases.current().orElse(null);
    }
}
