package io.pushtrain.distribution;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * The BitTorrent engine the server seeds its artifacts with, provided by the application (push-server
 * gives the host agent's). Without one the server tracks artifacts but does not seed them.
 */
public interface SeedEngine {

    /**
     * Starts seeding the complete file the torrent names, found in {@code dir}, listening on
     * {@code address} and announcing to the torrent's trackers until the seed is closed.
     */
    Seed seed(byte[] torrent, Path dir, InetAddress address) throws IOException;

    /** One artifact being seeded. */
    interface Seed extends AutoCloseable {

        /** Where it takes peers. */
        InetSocketAddress address();

        /** Bytes sent to peers so far. */
        long uploaded();

        /** Stops seeding and tells the trackers; the file stays. */
        @Override
        void close();
    }
}
