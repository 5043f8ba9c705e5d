package io.pushtrain.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.libtorrent4j.SessionManager;
import org.libtorrent4j.SessionParams;
import org.libtorrent4j.SettingsPack;
import org.libtorrent4j.TorrentHandle;
import org.libtorrent4j.TorrentInfo;
import org.libtorrent4j.TorrentStatus;
import org.libtorrent4j.swig.address;
import org.libtorrent4j.swig.error_code;
import org.libtorrent4j.swig.ip_filter;
import org.libtorrent4j.swig.settings_pack;

/**
 * {@link TorrentSession} on libtorrent-rasterbar (through libtorrent4j): one libtorrent session per
 * artifact, listening on and connecting from the agent's address, with the agent's rates as the
 * session's limits, so they hold for the host and not per connection. Only TCP (no uTP, DHT, LSD,
 * UPnP): the tracker is the one source of peers, which is what keeps rack affinity in its hands.
 */
final class LibtorrentSession implements TorrentSession {

    private final String artifactId;
    private final TorrentInfo info;
    private final Path file;
    private final SessionManager session;
    private final TorrentHandle handle;
    private volatile long bytesAtStart = -1;

    private LibtorrentSession(String artifactId, TorrentInfo info, Path file, SessionManager session, TorrentHandle handle) {
        this.artifactId = artifactId;
        this.info = info;
        this.file = file;
        this.session = session;
        this.handle = handle;
    }

    static LibtorrentSession start(String artifactId, byte[] torrentBytes, Path downloadDir, InetAddress address,
            double maxDownloadKbps, double maxUploadKbps) throws IOException {
        Libtorrent.load();
        Files.createDirectories(downloadDir);
        TorrentInfo info;
        try {
            info = TorrentInfo.bdecode(torrentBytes);
        } catch (IllegalArgumentException e) {
            throw new AgentException("the torrent of " + artifactId + " is not usable: " + e.getMessage(), e);
        }
        if (info.numFiles() != 1) {
            throw new AgentException("the torrent of " + artifactId + " holds several files; the agent wants one");
        }
        SessionManager session = new SessionManager(false);
        session.start(new SessionParams(Libtorrent.settings(address, maxDownloadKbps, maxUploadKbps)));
        Libtorrent.rateLimitEveryPeer(session);
        session.download(info, downloadDir.toAbsolutePath().toFile());
        TorrentHandle handle = null;
        for (int i = 0; i < 200 && (handle == null || !handle.isValid()); i++) {
            handle = session.find(info.infoHash());
            if (handle == null) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (handle == null || !handle.isValid()) {
            session.stop();
            throw new AgentException("libtorrent did not take the torrent of " + artifactId);
        }
        return new LibtorrentSession(artifactId, info, downloadDir.resolve(info.name()), session,
                handle);
    }

    private TorrentStatus status() {
        TorrentStatus status = handle.status();
        if (bytesAtStart < 0 && status.state() != TorrentStatus.State.CHECKING_FILES
                && status.state() != TorrentStatus.State.CHECKING_RESUME_DATA) {
            // Checked before it talks to any peer: what is there now was on disk when it started.
            bytesAtStart = status.totalWantedDone();
        }
        return status;
    }

    @Override
    public String artifactId() {
        return artifactId;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String fileName() {
        return info.name();
    }

    @Override
    public long size() {
        return info.totalSize();
    }

    @Override
    public boolean isComplete() {
        TorrentStatus s = status();
        return s.isFinished() && s.totalWantedDone() == s.totalWanted();
    }

    @Override
    public boolean hasFailed() {
        return status().errorCode().isError();
    }

    @Override
    public int percent() {
        TorrentStatus s = status();
        if (s.totalWanted() > 0 && s.totalWantedDone() == s.totalWanted()) {
            return 100;
        }
        return (int) Math.min(99, Math.floor(s.progressPpm() / 10_000.0));
    }

    @Override
    public long bytesAtStart() {
        status();
        return bytesAtStart;
    }

    @Override
    public long bytesDownloaded() {
        return status().totalPayloadDownload();
    }

    @Override
    public long bytesUploaded() {
        return status().totalPayloadUpload();
    }

    @Override
    public int peers() {
        return status().numPeers();
    }

    @Override
    public int listenPort() {
        return session.swig().listen_port();
    }

    @Override
    public void stop() {
        session.stop(); // sends the tracker "stopped" (bounded by stop_tracker_timeout), closes the file
    }

    /** The native library and the settings every agent session shares. */
    static final class Libtorrent {

        private static boolean loaded;

        private Libtorrent() {
        }

        /**
         * libtorrent4j loads its native library from {@code libtorrent4j.jni.path}: copy the one the
         * libtorrent4j-linux jar carries to a file once per JVM and point the property at it.
         */
        static synchronized void load() throws IOException {
            if (loaded || !System.getProperty("libtorrent4j.jni.path", "").isEmpty()) {
                loaded = true;
                return;
            }
            String arch = System.getProperty("os.arch");
            String resource = "lib/" + ("amd64".equals(arch) ? "x86_64" : arch) + "/libtorrent4j.so";
            try (InputStream in = LibtorrentSession.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new AgentException("no libtorrent native library for " + System.getProperty("os.name") + " "
                            + arch + " on the class path (" + resource + "); run with -D" + PeerEngine.PROPERTY
                            + "=ttorrent");
                }
                Path dir = Files.createTempDirectory("pushtrain-libtorrent");
                Path lib = dir.resolve("libtorrent4j.so");
                Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                lib.toFile().deleteOnExit();
                dir.toFile().deleteOnExit();
                System.setProperty("libtorrent4j.jni.path", lib.toString());
            }
            loaded = true;
        }

        static SettingsPack settings(InetAddress address, double maxDownloadKbps, double maxUploadKbps) {
            String ip = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
            SettingsPack sp = new SettingsPack();
            sp.listenInterfaces(ip + ":0");
            sp.setString(settings_pack.string_types.outgoing_interfaces.swigValue(), address.getHostAddress());
            sp.setEnableDht(false);
            sp.setEnableLsd(false);
            sp.setBoolean(settings_pack.bool_types.enable_upnp.swigValue(), false);
            sp.setBoolean(settings_pack.bool_types.enable_natpmp.swigValue(), false);
            sp.setBoolean(settings_pack.bool_types.enable_outgoing_utp.swigValue(), false);
            sp.setBoolean(settings_pack.bool_types.enable_incoming_utp.swigValue(), false);
            // Hosts of one fleet share addresses behind NAT in some racks, and on one test machine.
            sp.setBoolean(settings_pack.bool_types.allow_multiple_connections_per_ip.swigValue(), true);
            // Plain handshakes out (ttorrent and older peers do not speak MSE); encrypted ones accepted in.
            sp.setInteger(settings_pack.int_types.out_enc_policy.swigValue(), 2);
            sp.setInteger(settings_pack.int_types.in_enc_policy.swigValue(), 1);
            sp.setInteger(settings_pack.int_types.aio_threads.swigValue(), 2);
            sp.setInteger(settings_pack.int_types.stop_tracker_timeout.swigValue(), 1);
            sp.downloadRateLimit(kbpsToBytes(maxDownloadKbps));
            sp.uploadRateLimit(kbpsToBytes(maxUploadKbps));
            return sp;
        }

        /**
         * libtorrent leaves peers on loopback and private networks out of the session's rate limits
         * (its "local" peer class); a fleet is on private networks, so every address goes to the
         * global class, the one the limits apply to.
         */
        static void rateLimitEveryPeer(SessionManager session) {
            ip_filter filter = new ip_filter();
            error_code ec = new error_code();
            filter.add_rule(address.from_string("0.0.0.0", ec), address.from_string("255.255.255.255", ec), 1L);
            filter.add_rule(address.from_string("::", ec), address.from_string("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", ec), 1L);
            session.swig().set_peer_class_filter(filter);
        }

        private static int kbpsToBytes(double kbps) {
            return kbps <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.round(kbps * 1024));
        }
    }
}
