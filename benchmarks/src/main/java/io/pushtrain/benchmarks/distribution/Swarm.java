package io.pushtrain.benchmarks.distribution;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import io.pushtrain.distribution.RackAffinity;

/**
 * One push, simulated piece by piece: a discrete-event simulation of a BitTorrent swarm whose
 * tracker answers with {@link RackAffinity} (the tracker's own class, not a copy).
 *
 * <p>Nodes {@code 0..H-1} are hosts (host {@code h} in rack {@code h % R}); nodes {@code H..H+seeds-1}
 * are the seeders, in a rack of their own. Every transfer moves one piece at a fixed rate of
 * {@code link / slots}; a peer runs at most {@code slots} uploads and a host at most {@code slots}
 * downloads at once, so no link is ever oversubscribed. A transfer between racks also takes one of
 * {@code uplink / (link / slots)} cross-rack slots of the sender's rack (out) and of the receiver's
 * rack (in). Whenever a slot frees or a host gets a piece or a peer, the peers involved look for
 * work: an uploader serves a neighbour that wants one of its pieces, the downloader picks the
 * rarest such piece among its neighbours (random among equals).
 */
final class Swarm {

    private static final int ARRIVE = 0;
    private static final int ANNOUNCE = 1;
    private static final int DONE = 2;
    private static final int SWEEP = 3;
    private static final long NODE_MASK = (1L << 21) - 1;
    private static final int UNLIMITED = Integer.MAX_VALUE / 4;
    private static final double SWEEP_SECONDS = 1.0;

    private final FleetConfig config;
    private final RackAffinity policy;
    private final int hosts;
    private final int nodes;
    private final int pieces;
    private final int words;
    private final int racks;
    private final long[] have;
    private final long[] inflight;
    private final int[] haveCount;
    private final short[] avail;
    /** Per host and piece: how many of its same-rack neighbours have it (only with a local-first client). */
    private final short[] availInRack;
    private final int[][] adjacency;
    private final int[] degree;
    private final int[] upFree;
    private final int[] downFree;
    private final int[] rackOf;
    private final int[] rackOutFree;
    private final int[] rackInFree;
    private final double slotBytesPerSecond;
    private final double[] doneAt;
    private final boolean[] announcedYet;
    private final EventQueue queue = new EventQueue();
    private final SplittableRandom trackerRandom;
    private final SplittableRandom arrivals;
    private long xorshift;

    /** The tracker: every node that has announced, and the boxed ids RackAffinity hands back. */
    private final int[] announced;
    private final int[] announcedAt;
    private int announcedCount;
    private final Integer[] boxed;
    private final String[] rackName;

    private double now;
    private long crossRackBytes;
    private long totalBytes;
    private long transfers;
    private int remaining;

    Swarm(FleetConfig config, RackAffinity policy, long seed) {
        if (config.hosts() + config.seeds() > NODE_MASK || config.pieces() >= (1 << 20)) {
            throw new IllegalArgumentException("at most 2M nodes and 1M pieces");
        }
        this.config = config;
        this.policy = policy;
        this.hosts = config.hosts();
        this.nodes = hosts + config.seeds();
        this.pieces = config.pieces();
        this.words = (pieces + 63) >>> 6;
        this.racks = config.racks();
        this.have = new long[nodes * words];
        this.inflight = new long[nodes * words];
        this.haveCount = new int[nodes];
        this.avail = new short[hosts * pieces];
        this.availInRack = config.localFirst() ? new short[hosts * pieces] : null;
        this.adjacency = new int[nodes][];
        this.degree = new int[nodes];
        this.upFree = new int[nodes];
        this.downFree = new int[nodes];
        this.rackOf = new int[nodes];
        this.doneAt = new double[hosts];
        this.announcedYet = new boolean[nodes];
        this.announced = new int[nodes];
        this.announcedAt = new int[nodes];
        this.boxed = new Integer[nodes];
        this.rackName = new String[nodes];
        this.slotBytesPerSecond = config.linkBytesPerSecond() / config.slots();
        int rackSlots = config.rackUplinkBitsPerSecond() <= 0 ? UNLIMITED
                : Math.max(1, (int) Math.floor(config.rackUplinkBitsPerSecond() / 8 / slotBytesPerSecond));
        this.rackOutFree = new int[racks + 1];
        this.rackInFree = new int[racks + 1];
        Arrays.fill(rackOutFree, rackSlots);
        Arrays.fill(rackInFree, rackSlots);
        rackOutFree[racks] = UNLIMITED;
        rackInFree[racks] = UNLIMITED;
        String[] names = new String[racks];
        for (int r = 0; r < racks; r++) {
            names[r] = "rack-" + r;
        }
        for (int node = 0; node < nodes; node++) {
            boolean seeder = node >= hosts;
            rackOf[node] = seeder ? racks : node % racks;
            rackName[node] = seeder ? "server" : names[node % racks];
            boxed[node] = node;
            adjacency[node] = new int[seeder ? 64 : config.maxPeers()];
            upFree[node] = config.slots();
            downFree[node] = seeder ? 0 : config.slots();
        }
        for (int s = hosts; s < nodes; s++) {
            Arrays.fill(have, s * words, (s + 1) * words, -1L);
            if ((pieces & 63) != 0) {
                have[(s + 1) * words - 1] = (1L << (pieces & 63)) - 1;
            }
            haveCount[s] = pieces;
        }
        this.trackerRandom = new SplittableRandom(seed);
        this.arrivals = new SplittableRandom(seed * 31 + 7);
        this.xorshift = seed * 0x9E3779B97F4A7C15L | 1;
        this.remaining = hosts;
    }

    FleetResult run() {
        long started = System.nanoTime();
        for (int s = hosts; s < nodes; s++) {
            queue.push(0, event(ARRIVE, 0, s, 0));
        }
        for (int h = 0; h < hosts; h++) {
            queue.push(config.jitter() > 0 ? arrivals.nextDouble() * config.jitter() : 0, event(ARRIVE, 0, h, 0));
        }
        queue.push(SWEEP_SECONDS, event(SWEEP, 0, 0, 0));
        while (remaining > 0) {
            if (queue.isEmpty()) {
                throw new IllegalStateException("the swarm stalled with " + remaining + " hosts incomplete");
            }
            long e = queue.pop();
            now = queue.lastTime();
            int type = (int) (e >>> 62);
            int piece = (int) ((e >>> 42) & 0xFFFFF);
            int up = (int) ((e >>> 21) & NODE_MASK);
            int down = (int) (e & NODE_MASK);
            switch (type) {
                case ARRIVE -> arrive(up);
                case ANNOUNCE -> reannounce(up);
                case DONE -> done(up, down, piece);
                default -> sweep();
            }
        }
        return result(System.nanoTime() - started);
    }

    private static long event(int type, int piece, int up, int down) {
        return ((long) type << 62) | ((long) piece << 42) | ((long) up << 21) | down;
    }

    // ---- the tracker ------------------------------------------------------------------------

    private void arrive(int node) {
        announcedAt[node] = announcedCount;
        announced[announcedCount++] = node;
        announcedYet[node] = true;
        if (node >= hosts) {
            return; // the seeders only wait for hosts to connect
        }
        announce(node);
    }

    private void reannounce(int host) {
        if (haveCount[host] < pieces) {
            announce(host);
        }
    }

    private void announce(int host) {
        String rack = config.rackAware() ? rackName[host] : null;
        List<Integer> answer = policy.choose(rack, othersThan(host), peer -> rackName[peer], config.want(), trackerRandom);
        for (Integer peer : answer) {
            connect(host, peer);
        }
        fillDownloads(host);
        fillUploads(host);
        queue.push(now + config.announceInterval(), event(ANNOUNCE, 0, host, 0));
    }

    /** Every announced node but {@code self}, as the tracker hands them to the policy. */
    private List<Integer> othersThan(int self) {
        int skip = announcedAt[self];
        int size = announcedCount - 1;
        return new AbstractList<>() {
            @Override
            public Integer get(int index) {
                return boxed[announced[index < skip ? index : index + 1]];
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    private void connect(int a, int b) {
        if (a == b || degree[a] >= limit(a) || degree[b] >= limit(b)) {
            return;
        }
        int[] na = adjacency[a];
        for (int i = 0, n = degree[a]; i < n; i++) {
            if (na[i] == b) {
                return;
            }
        }
        link(a, b);
        link(b, a);
    }

    private int limit(int node) {
        return node >= hosts ? Integer.MAX_VALUE : config.maxPeers();
    }

    private void link(int from, int to) {
        if (degree[from] == adjacency[from].length) {
            adjacency[from] = Arrays.copyOf(adjacency[from], degree[from] * 2);
        }
        adjacency[from][degree[from]++] = to;
        if (from < hosts) {
            int base = from * pieces;
            int tb = to * words;
            boolean sameRack = availInRack != null && rackOf[from] == rackOf[to];
            for (int w = 0; w < words; w++) {
                long bits = have[tb + w];
                while (bits != 0) {
                    int index = base + (w << 6) + Long.numberOfTrailingZeros(bits);
                    avail[index]++;
                    if (sameRack) {
                        availInRack[index]++;
                    }
                    bits &= bits - 1;
                }
            }
        }
    }

    // ---- the swarm --------------------------------------------------------------------------

    private void done(int up, int down, int piece) {
        upFree[up]++;
        downFree[down]++;
        int ru = rackOf[up];
        int rd = rackOf[down];
        boolean cross = ru != rd;
        boolean outWasFull = false;
        boolean inWasFull = false;
        if (cross) {
            outWasFull = rackOutFree[ru]++ == 0;
            inWasFull = rackInFree[rd]++ == 0;
        }
        int word = down * words + (piece >>> 6);
        long bit = 1L << (piece & 63);
        inflight[word] &= ~bit;
        have[word] |= bit;
        haveCount[down]++;
        totalBytes += pieceBytes(piece);
        int[] neighbours = adjacency[down];
        for (int i = 0, n = degree[down]; i < n; i++) {
            int x = neighbours[i];
            if (x < hosts) {
                avail[x * pieces + piece]++;
                if (availInRack != null && rackOf[x] == rd) {
                    availInRack[x * pieces + piece]++;
                }
            }
        }
        if (haveCount[down] == pieces) {
            doneAt[down] = now;
            remaining--;
        }
        fillUploads(up);
        fillDownloads(down);
        fillUploads(down);
        if (outWasFull) {
            for (int h = ru; h < hosts && rackOutFree[ru] > 0; h += racks) {
                fillUploads(h);
            }
        }
        if (inWasFull) {
            for (int h = rd; h < hosts && rackInFree[rd] > 0; h += racks) {
                fillDownloads(h);
            }
        }
    }

    /** A safety net: hosts with an idle download slot look again (e.g. after a rack's uplink freed). */
    private void sweep() {
        for (int h = 0; h < hosts; h++) {
            if (announcedYet[h]) {
                fillDownloads(h);
            }
        }
        if (remaining > 0) {
            queue.push(now + SWEEP_SECONDS, event(SWEEP, 0, 0, 0));
        }
    }

    private void fillUploads(int up) {
        int n = degree[up];
        if (upFree[up] == 0 || n == 0 || haveCount[up] == 0) {
            return;
        }
        int[] neighbours = adjacency[up];
        int start = nextInt(n);
        for (int i = 0; i < n && upFree[up] > 0; i++) {
            int j = start + i;
            int down = neighbours[j < n ? j : j - n];
            if (down < hosts && downFree[down] > 0 && haveCount[down] < pieces) {
                tryStart(up, down);
            }
        }
    }

    private void fillDownloads(int down) {
        int n = degree[down];
        if (downFree[down] == 0 || n == 0 || haveCount[down] == pieces) {
            return;
        }
        int[] neighbours = adjacency[down];
        int start = nextInt(n);
        for (int i = 0; i < n && downFree[down] > 0; i++) {
            int j = start + i;
            int up = neighbours[j < n ? j : j - n];
            if (upFree[up] > 0 && haveCount[up] > 0) {
                tryStart(up, down);
            }
        }
    }

    private void tryStart(int up, int down) {
        int ru = rackOf[up];
        int rd = rackOf[down];
        boolean cross = ru != rd;
        if (cross && (rackOutFree[ru] == 0 || rackInFree[rd] == 0)) {
            return;
        }
        int piece = rarest(down, up, cross && availInRack != null);
        if (piece < 0) {
            return;
        }
        upFree[up]--;
        downFree[down]--;
        inflight[down * words + (piece >>> 6)] |= 1L << (piece & 63);
        long bytes = pieceBytes(piece);
        if (cross) {
            rackOutFree[ru]--;
            rackInFree[rd]--;
            crossRackBytes += bytes;
        }
        transfers++;
        queue.push(now + bytes / slotBytesPerSecond, event(DONE, piece, up, down));
    }

    /**
     * The piece {@code up} has that {@code down} lacks and is not fetching, rarest among down's
     * neighbours; with {@code notInRack}, only pieces none of down's same-rack neighbours has.
     */
    private int rarest(int down, int up, boolean notInRack) {
        int best = -1;
        int bestCount = Integer.MAX_VALUE;
        int ties = 0;
        int ub = up * words;
        int db = down * words;
        int ab = down * pieces;
        for (int w = 0; w < words; w++) {
            long candidates = have[ub + w] & ~have[db + w] & ~inflight[db + w];
            while (candidates != 0) {
                int piece = (w << 6) + Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (notInRack && availInRack[ab + piece] > 0) {
                    continue;
                }
                int count = avail[ab + piece];
                if (count < bestCount) {
                    best = piece;
                    bestCount = count;
                    ties = 1;
                } else if (count == bestCount && nextInt(++ties) == 0) {
                    best = piece;
                }
            }
        }
        return best;
    }

    private long pieceBytes(int piece) {
        return piece < pieces - 1 ? config.pieceBytes() : config.sizeBytes() - (long) (pieces - 1) * config.pieceBytes();
    }

    private int nextInt(int bound) {
        long x = xorshift;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        xorshift = x;
        return (int) (((x >>> 32) * bound) >>> 32);
    }

    private FleetResult result(long nanos) {
        if (totalBytes != (long) hosts * config.sizeBytes()) {
            throw new IllegalStateException("hosts received " + totalBytes + " bytes, expected " + (long) hosts * config.sizeBytes());
        }
        double[] sorted = doneAt.clone();
        Arrays.sort(sorted);
        long edges = 0;
        long crossEdges = 0;
        for (int h = 0; h < hosts; h++) {
            for (int i = 0; i < degree[h]; i++) {
                int peer = adjacency[h][i];
                if (peer < hosts) {
                    edges++;
                    if (rackOf[peer] != rackOf[h]) {
                        crossEdges++;
                    }
                }
            }
        }
        long degrees = 0;
        for (int h = 0; h < hosts; h++) {
            degrees += degree[h];
        }
        return new FleetResult(sorted[hosts - 1], percentile(sorted, 0.5), percentile(sorted, 0.99), crossRackBytes, totalBytes,
                transfers, (double) degrees / hosts, edges == 0 ? 0 : (double) crossEdges / edges, nanos / 1_000_000);
    }

    static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
