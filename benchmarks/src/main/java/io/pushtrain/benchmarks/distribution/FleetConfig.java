package io.pushtrain.benchmarks.distribution;

/**
 * One fleet to simulate.
 *
 * @param hosts              hosts that want the artifact
 * @param racks              racks they sit in (host {@code h} in rack {@code h % racks})
 * @param sizeBytes          the artifact, S
 * @param linkBitsPerSecond  every host's upload and download cap, and every seeder's upload cap
 * @param seeds              seeders (the push server), together in a rack of their own
 * @param pieceBytes         piece length
 * @param slots              concurrent uploads per peer, and concurrent downloads per host; each
 *                           transfer runs at link / slots, so a peer never exceeds its link
 * @param want               peers per tracker answer (numwant)
 * @param maxPeers           connections a host keeps at most (seeders: unlimited)
 * @param rackUplinkBitsPerSecond top-of-rack uplink, each direction; 0 means unlimited
 * @param announceInterval   seconds between a host's announces until it is complete
 * @param jitter             hosts first announce at a uniform random time in [0, jitter)
 * @param rackAware          true: the tracker knows every host's rack (pushtrain); false: it asks
 *                           RackAffinity without a rack, which then picks peers at random
 * @param localFirst         a what-if for the host agent: fetch from a peer in another rack only
 *                           pieces that none of the host's same-rack neighbours has (false: plain
 *                           rarest-first, which is what BitTorrent clients do)
 */
record FleetConfig(int hosts, int racks, long sizeBytes, double linkBitsPerSecond, int seeds, long pieceBytes,
        int slots, int want, int maxPeers, double rackUplinkBitsPerSecond, double announceInterval, double jitter,
        boolean rackAware, boolean localFirst) {

    FleetConfig {
        if (hosts < 1 || racks < 1 || seeds < 1 || slots < 1 || want < 1 || maxPeers < 1) {
            throw new IllegalArgumentException("hosts, racks, seeds, slots, want and maxPeers must be at least 1");
        }
        if (sizeBytes < 1 || pieceBytes < 1 || linkBitsPerSecond <= 0 || announceInterval <= 0) {
            throw new IllegalArgumentException("size, piece, link and interval must be positive");
        }
    }

    FleetConfig withRackAware(boolean aware) {
        return new FleetConfig(hosts, racks, sizeBytes, linkBitsPerSecond, seeds, pieceBytes, slots, want, maxPeers,
                rackUplinkBitsPerSecond, announceInterval, jitter, aware, localFirst);
    }

    int pieces() {
        return (int) ((sizeBytes + pieceBytes - 1) / pieceBytes);
    }

    double linkBytesPerSecond() {
        return linkBitsPerSecond / 8;
    }

    /** max(S/u_s, S/d_min, H·S/(u_s + Σu_i)): no schedule on these links can finish sooner. */
    double lowerBound() {
        double link = linkBytesPerSecond();
        double seederUpload = seeds * link;
        return Math.max(Math.max(sizeBytes / seederUpload, sizeBytes / link),
                (double) hosts * sizeBytes / (seederUpload + hosts * link));
    }
}
