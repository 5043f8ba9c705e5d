package io.pushtrain.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The BitTorrent engine under the agent's {@link TorrentSession}s, chosen for the whole JVM by
 * {@code -Dpushtrain.agent.engine=pushtrain|libtorrent|ttorrent} so the fleet benchmark can run the same fleet
 * on each (docs/distribution.md has the figures that chose the default).
 */
public enum PeerEngine {
    /** pushtrain's own (WireSession): per-host caps, rack affinity on the taking end, bound connections. */
    PUSHTRAIN,
    /** ttorrent 1.5: pure Java, per-connection rate limits. */
    TTORRENT,
    /** libtorrent-rasterbar through libtorrent4j: per-host rate limits, binds its connections to the host's address. */
    LIBTORRENT;

    public static final String PROPERTY = "pushtrain.agent.engine";

    public static PeerEngine configured() {
        String name = System.getProperty(PROPERTY, "pushtrain");
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be pushtrain, libtorrent or ttorrent, was " + name, e);
        }
    }

    /** A seeder of one complete artifact on this engine, as the server's seeder runs it (benchmarks, tests). */
    public interface Seed extends AutoCloseable {
        /** Bytes sent to peers so far. */
        long uploaded();

        /** The port it takes peers on, on the address it seeds from. */
        int port();

        /** The address and port it listens on. */
        String listening();

        @Override
        void close();
    }

    /**
     * Seeds the file the torrent names from {@code dir} on {@code address}, uploading at most
     * {@code maxUploadKbps} KB/s in all (0: no limit).
     */
    public Seed seed(byte[] torrent, Path dir, InetAddress address, double maxUploadKbps) throws IOException {
        TorrentSession session = TorrentSession.start(this, "seed", torrent, dir, address, null, 0, maxUploadKbps);
        return new Seed() {
            @Override
            public long uploaded() {
                return session.bytesUploaded();
            }

            @Override
            public int port() {
                return session.listenPort();
            }

            @Override
            public String listening() {
                return address.getHostAddress() + ":" + session.listenPort();
            }

            @Override
            public void close() {
                session.stop();
            }
        };
    }
}
