package io.pushtrain.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * One artifact shared over BitTorrent: downloading it, then seeding it to the rest of the rack. On
 * start the engine checks whatever is already in {@code downloads/<id>/}, which is what makes a
 * download resume after a restart. Which engine runs it is {@link PeerEngine#configured()}.
 */
interface TorrentSession {

    /**
     * Starts sharing: binds a port on {@code address}, checks the pieces already on disk, announces
     * to the torrent's tracker, downloads what is missing and then seeds. Rates in KB/s, 0 for none.
     */
    static TorrentSession start(String artifactId, byte[] torrentBytes, Path downloadDir, InetAddress address,
            String rack, double maxDownloadKbps, double maxUploadKbps) throws IOException {
        return start(PeerEngine.configured(), artifactId, torrentBytes, downloadDir, address, rack, maxDownloadKbps,
                maxUploadKbps);
    }

    /** {@code rack} is the host's rack, which the pushtrain engine prefers peers from; null for the server's seed. */
    static TorrentSession start(PeerEngine engine, String artifactId, byte[] torrentBytes, Path downloadDir,
            InetAddress address, String rack, double maxDownloadKbps, double maxUploadKbps) throws IOException {
        return switch (engine) {
            case PUSHTRAIN -> WireSession.start(artifactId, torrentBytes, downloadDir, address, rack, maxDownloadKbps,
                    maxUploadKbps);
            case TTORRENT -> TtorrentSession.start(artifactId, torrentBytes, downloadDir, address, maxDownloadKbps,
                    maxUploadKbps);
            case LIBTORRENT -> LibtorrentSession.start(artifactId, torrentBytes, downloadDir, address, maxDownloadKbps,
                    maxUploadKbps);
        };
    }

    String artifactId();

    /** Where the complete artifact is. */
    Path file();

    String fileName();

    long size();

    boolean isComplete() throws IOException;

    /** True when the engine gave up (it could not read or write the data). */
    boolean hasFailed();

    int percent();

    /** Bytes already on disk when this session started, -1 until it has checked. */
    long bytesAtStart();

    /** Bytes received from peers by this session. */
    long bytesDownloaded();

    /** Bytes sent to peers by this session. */
    long bytesUploaded();

    int peers();

    /** The port it takes peers on, on the address it started with. */
    int listenPort();

    /** Stops sharing, tells the tracker, closes the file; the data stays on disk. */
    void stop();
}
