package io.pushtrain.agent;

import com.turn.ttorrent.client.Client;
import com.turn.ttorrent.client.SharedTorrent;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;

/**
 * {@link TorrentSession} on ttorrent 1.5 (kept to compare engines in the fleet benchmark): a ttorrent
 * {@link Client} on the agent's address; its rate limits are per connection, not per host; on start it hashes whatever is already in
 * {@code downloads/<id>/}, which is what makes a download resume after a restart.
 */
final class TtorrentSession implements TorrentSession {

    private final String artifactId;
    private final Path file;
    private final SharedTorrent torrent;
    private final Client client;
    private volatile long bytesAtStart = -1;

    private TtorrentSession(String artifactId, Path file, SharedTorrent torrent, Client client) {
        this.artifactId = artifactId;
        this.file = file;
        this.torrent = torrent;
        this.client = client;
    }

    /**
     * Starts sharing: binds a port in 49152-65534 on {@code address}, checks the pieces already on
     * disk, announces to the torrent's tracker, downloads what is missing and then seeds.
     */
    static TtorrentSession start(String artifactId, byte[] torrentBytes, Path downloadDir, InetAddress address,
            double maxDownloadKbps, double maxUploadKbps) throws IOException {
        Files.createDirectories(downloadDir);
        SharedTorrent torrent;
        try {
            torrent = new SharedTorrent(torrentBytes, downloadDir.toFile());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        } catch (IllegalArgumentException e) {
            throw new AgentException("the torrent of " + artifactId + " is not usable: " + e.getMessage(), e);
        }
        if (torrent.isMultifile()) {
            throw new AgentException("the torrent of " + artifactId + " holds several files; the agent wants one");
        }
        Client client = new Client(address, torrent);
        client.setMaxDownloadRate(maxDownloadKbps);
        client.setMaxUploadRate(maxUploadKbps);
        TtorrentSession session = new TtorrentSession(artifactId, downloadDir.resolve(torrent.getName()), torrent, client);
        client.addObserver((observable, state) -> session.noteStart(state));
        client.share(); // download, then seed until stopped
        return session;
    }

    private void noteStart(Object state) {
        // The client moves from VALIDATING to SHARING or SEEDING before it talks to any peer: what is
        // present now was on disk when it started.
        if (bytesAtStart < 0 && (state == Client.ClientState.SHARING || state == Client.ClientState.SEEDING)) {
            bytesAtStart = torrent.getSize() - torrent.getLeft();
        }
    }

    @Override
    public String artifactId() {
        return artifactId;
    }

    /** Where the complete artifact is (while incomplete, ttorrent writes {@code <file>.part}). */
    @Override
    public Path file() {
        return file;
    }

    @Override
    public String fileName() {
        return torrent.getName();
    }

    @Override
    public long size() {
        return torrent.getSize();
    }

    @Override
    public boolean isComplete() throws IOException {
        if (!torrent.isInitialized() || !torrent.isComplete()) {
            return false;
        }
        if (!torrent.isFinished()) {
            // All pieces were already in the .part file at start (a crash after the last piece):
            // ttorrent only renames it when a piece arrives, so do it here.
            torrent.finish();
        }
        return true;
    }

    /** True when the client gave up (it could not read or write the data). */
    @Override
    public boolean hasFailed() {
        return client.getState() == Client.ClientState.ERROR;
    }

    @Override
    public int percent() {
        if (torrent.isInitialized() && torrent.isComplete()) {
            return 100;
        }
        return (int) Math.min(99, Math.floor(torrent.getCompletion()));
    }

    /** Bytes already on disk when this session started, -1 until it has checked. */
    @Override
    public long bytesAtStart() {
        return bytesAtStart;
    }

    /** Bytes received from peers by this session. */
    @Override
    public long bytesDownloaded() {
        return torrent.getDownloaded();
    }

    /** Bytes sent to peers by this session. */
    @Override
    public long bytesUploaded() {
        return torrent.getUploaded();
    }

    @Override
    public int peers() {
        return client.getPeers().size();
    }

    @Override
    public int listenPort() {
        return client.getPeerSpec().getPort();
    }

    /** Stops sharing, tells the tracker, closes the file; the data stays on disk. */
    @Override
    public void stop() {
        client.stop(true);
    }
}
