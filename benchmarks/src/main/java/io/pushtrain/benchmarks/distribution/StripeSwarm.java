package io.pushtrain.benchmarks.distribution;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.pushtrain.distribution.RackAffinity;

/**
 * One push, simulated the way the host agent's own engine ({@code io.pushtrain.agent.WireSession})
 * moves bytes: a time-stepped fluid model at piece granularity, not a slot model.
 *
 * <ul>
 * <li>Caps are per host, shared by all its connections: an uploader's rate {@code η·u} is split equally
 * among the peers that have requests out to it (the engine's round-robin over peers with pending
 * requests); a downloader's {@code η·u} caps the sum of what reaches it. Each step ({@link Params#dt})
 * the split is done twice, the second time giving uploaders' slack (to capped downloaders) to their
 * other peers, which is close to the max-min share TCP and the token buckets settle on.</li>
 * <li>A connection carries one piece at a time for the downloader. The downloader keeps requests to every
 * connected peer that has something it may take (every peer unchokes every interested peer): pieces
 * under way first (a piece has room for another peer while more of it is unasked than the
 * {@link Params#pipelineBlocks} blocks each peer on it has out), then the rarest piece among those the peer
 * has (availability over the downloader's connections; the rarest of up to {@link Params#sample}
 * candidates from a random start, random ties: the exact scan costs 3,072 per pick at fleet scale).
 * Once every missing piece is under way, the last ones are asked of a second peer (endgame).</li>
 * <li>A piece can be passed on only when all of it arrived (it is verified then).</li>
 * <li>The rack rule ({@code mayTake}): from a same-rack peer any piece; from outside (other racks, the
 * seeder) only pieces no connected rack-mate has and only the host's stripe (piece mod n == rank among
 * the n rack-mates it is connected to, itself included; ranks by a random id as the engine sorts peer
 * ids), unless it has had nothing to ask for over {@link Params#idleSeconds} while some peer had
 * something it lacks.</li>
 * <li>The tracker: {@link RackAffinity#DEFAULT} as the embedded tracker samples it (own rack first, then
 * {@code fromOtherRacks} from the others; the seeder is in no rack), at most {@code want} peers and no
 * more than the host is short of its 40; hosts connect out while they have fewer than 40 connections and
 * accept up to 60; announce at the start, when complete, and then every min interval while short of
 * peers (fewer than 20), else every interval. A complete host drops its connections to complete peers.</li>
 * <li>The agent around it: a host starts {@code startup + U(0, poll)} after the desired build is set
 * (it sees it at its next poll), and runs the build {@code U(0, poll) + S/verify} after its last piece
 * (the next step of its loop, then the SHA-256 check).</li>
 * </ul>
 * Not modelled: per-block latency, duplicate endgame bytes, request timeouts, the least-sent-first order
 * of an uploader's queue (it only reorders one downloader's own requests), TCP slow start.
 */
final class StripeSwarm {

    /**
     * The engine's and the agent's constants, and the calibration.
     *
     * @param minInterval    the tracker's min interval (s): announces while short of peers
     * @param interval       the tracker's interval (s)
     * @param maxOut         connections a host opens at most (the engine's MAX_PEERS)
     * @param maxIn          connections it accepts up to (MAX_PEERS · 3/2)
     * @param pipelineBlocks 16 KiB requests a downloader keeps out to each peer (the engine starts at 4)
     * @param idleSeconds    nothing to ask for this long lifts the rack rule (the engine's 1 s)
     * @param sample         candidates the rarest-first pick looks at
     * @param dt             time step (s)
     * @param poll           the agent's poll interval (s)
     * @param verifyBytesPerSecond the agent's SHA-256 check of the whole artifact before it switches
     * @param startupSeconds calibration: fixed delay from seeing the desired build to the first announce
     * @param efficiency     calibration: the share of its caps a host (and the seeder) really moves
     */
    record Params(double minInterval, double interval, int maxOut, int maxIn, int pipelineBlocks, double idleSeconds,
            int sample, double dt, double poll, double verifyBytesPerSecond, double startupSeconds, double efficiency) {
    }

    private static final int BLOCK = 16 * 1024;
    /** The idle rule is looked at every this many steps (it acts after a second). */
    private static final int IDLE_CHECK_STEPS = 5;

    private final FleetConfig config;
    private final Params params;
    private final int hosts;
    private final int nodes;
    private final int pieces;
    private final int words;
    private final int racks;
    private final SplittableRandom random;

    private final long[] have;
    private final long[] inflight;
    private final int[] haveCount;
    private final short[] avail;
    private final short[] availRack;
    private final int[] rackOf;
    private final long[] idKey;

    private final int[][] adj;
    private final int[][] rev;
    private final int[][] flowSlot;
    private final int[] deg;
    private final int[] activeIn;
    private final int[] activeOut;

    private final int[][] partPiece;
    private final double[][] partRem;
    private final int[][] partFlows;
    private final int[] partCount;
    private final int[] livePartials;

    private final int[] stripeN;
    private final int[] stripeRank;
    private final double[] idleSince;
    private boolean idleExempt;

    private final double[] startAt;
    private final double[] nextAnnounce;
    private final boolean[] started;
    private final double[] doneAt;
    private final double[] runningAt;

    /** The tracker: announced nodes by rack (index racks: the seeders, in no rack). */
    private final int[][] rackMembers;
    private final int[] rackMemberCount;
    private final int[] announcedRacks;
    private int announcedRackCount;
    private int announcedNodes;

    private final double upBytesPerStep;
    private final int[] freed;
    private final double[] offer;
    private final double[] sumIn;
    private final double[] cappedOut;
    private final int[] uncappedOut;

    private long xorshift;
    private double now;
    private long crossRackBytes;
    private long totalBytes;
    private long transfers;
    private int remaining;

    StripeSwarm(FleetConfig config, Params params, long seed) {
        this.config = config;
        this.params = params;
        this.hosts = config.hosts();
        this.nodes = hosts + config.seeds();
        this.pieces = config.pieces();
        this.words = (pieces + 63) >>> 6;
        this.racks = config.racks();
        this.random = new SplittableRandom(seed);
        if ((long) hosts * pieces > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("hosts × pieces must stay below 2^31");
        }
        have = new long[nodes * words];
        inflight = new long[nodes * words];
        haveCount = new int[nodes];
        avail = new short[hosts * pieces];
        availRack = new short[hosts * pieces];
        rackOf = new int[nodes];
        idKey = new long[nodes];
        adj = new int[nodes][];
        rev = new int[nodes][];
        flowSlot = new int[nodes][];
        deg = new int[nodes];
        activeIn = new int[nodes];
        activeOut = new int[nodes];
        partPiece = new int[nodes][];
        partRem = new double[nodes][];
        partFlows = new int[nodes][];
        partCount = new int[nodes];
        livePartials = new int[nodes];
        stripeN = new int[nodes];
        stripeRank = new int[nodes];
        idleSince = new double[nodes];
        startAt = new double[nodes];
        nextAnnounce = new double[nodes];
        started = new boolean[nodes];
        doneAt = new double[hosts];
        runningAt = new double[hosts];
        rackMembers = new int[racks + 1][];
        rackMemberCount = new int[racks + 1];
        announcedRacks = new int[racks + 1];
        int capacity = params.maxIn();
        for (int node = 0; node < nodes; node++) {
            boolean seeder = node >= hosts;
            rackOf[node] = seeder ? racks : node % racks;
            idKey[node] = random.nextLong();
            adj[node] = new int[capacity];
            rev[node] = new int[capacity];
            flowSlot[node] = new int[capacity];
            partPiece[node] = new int[8];
            partRem[node] = new double[8];
            partFlows[node] = new int[8];
            stripeN[node] = 1;
            if (seeder) {
                Arrays.fill(have, node * words, (node + 1) * words, -1L);
                if ((pieces & 63) != 0) {
                    have[(node + 1) * words - 1] = (1L << (pieces & 63)) - 1;
                }
                haveCount[node] = pieces;
                startAt[node] = 0;
            } else {
                startAt[node] = params.startupSeconds() + random.nextDouble() * params.poll();
            }
        }
        for (int r = 0; r <= racks; r++) {
            rackMembers[r] = new int[4];
        }
        upBytesPerStep = config.linkBytesPerSecond() * params.efficiency() * params.dt();
        offer = new double[nodes];
        freed = new int[params.maxIn()];
        sumIn = new double[nodes];
        cappedOut = new double[nodes];
        uncappedOut = new int[nodes];
        remaining = hosts;
        xorshift = seed * 0x9E3779B97F4A7C15L | 1;
    }

    FleetResult run() {
        long wall = System.nanoTime();
        double dt = params.dt();
        double nextRescan = 0;
        long steps = 0;
        double limit = 100 * config.lowerBound() / Math.min(1, params.efficiency()) + 600;
        while (remaining > 0) {
            if (now > limit) {
                throw new IllegalStateException("the swarm stalled with " + remaining + " hosts incomplete at " + now + " s");
            }
            for (int node = 0; node < nodes; node++) {
                if (!started[node]) {
                    if (now >= startAt[node]) {
                        started[node] = true;
                        idleSince[node] = now;
                        register(node);
                        announce(node);
                    }
                } else if (now >= nextAnnounce[node]) {
                    announce(node);
                }
            }
            if (now >= nextRescan) {
                nextRescan = now + 0.5;
                for (int d = 0; d < hosts; d++) {
                    if (started[d] && haveCount[d] < pieces) {
                        pickAll(d);
                    }
                }
            }
            step();
            now += dt;
            if (++steps % IDLE_CHECK_STEPS != 0) {
                continue;
            }
            for (int d = 0; d < hosts; d++) {
                if (!started[d] || haveCount[d] == pieces) {
                    continue;
                }
                if (activeIn[d] > 0 || !couldAsk(d)) {
                    idleSince[d] = now;
                } else if (now - idleSince[d] > params.idleSeconds()) {
                    idleExempt = true;
                    pickAll(d);
                    idleExempt = false;
                    idleSince[d] = now;
                }
            }
        }
        return result(System.nanoTime() - wall);
    }

    // ---- bytes ------------------------------------------------------------------------------

    private void step() {
        // Pass 1: every uploader splits its cap equally among the flows it serves; downloaders cap the sum.
        for (int u = 0; u < nodes; u++) {
            offer[u] = activeOut[u] == 0 ? 0 : upBytesPerStep / activeOut[u];
            cappedOut[u] = 0;
            uncappedOut[u] = 0;
        }
        for (int d = 0; d < hosts; d++) {
            if (activeIn[d] == 0) {
                sumIn[d] = 0;
                continue;
            }
            double sum = 0;
            int[] a = adj[d];
            int[] fs = flowSlot[d];
            for (int i = 0, n = deg[d]; i < n; i++) {
                if (fs[i] >= 0) {
                    sum += offer[a[i]];
                }
            }
            sumIn[d] = sum;
        }
        // Pass 2: what a capped downloader leaves of an uploader's cap goes to its other flows.
        for (int d = 0; d < hosts; d++) {
            if (activeIn[d] == 0) {
                continue;
            }
            double scale = sumIn[d] > upBytesPerStep ? upBytesPerStep / sumIn[d] : 1;
            int[] a = adj[d];
            int[] fs = flowSlot[d];
            for (int i = 0, n = deg[d]; i < n; i++) {
                if (fs[i] >= 0) {
                    int u = a[i];
                    if (scale < 1) {
                        cappedOut[u] += offer[u] * scale;
                    } else {
                        uncappedOut[u]++;
                    }
                }
            }
        }
        for (int u = 0; u < nodes; u++) {
            if (uncappedOut[u] > 0) {
                offer[u] = Math.max(offer[u], (upBytesPerStep - cappedOut[u]) / uncappedOut[u]);
            }
        }
        for (int d = 0; d < hosts; d++) {
            if (activeIn[d] == 0) {
                continue;
            }
            double first = sumIn[d] > upBytesPerStep ? upBytesPerStep / sumIn[d] : 1;
            int[] a = adj[d];
            int[] fs = flowSlot[d];
            double sum = 0;
            for (int i = 0, n = deg[d]; i < n; i++) {
                if (fs[i] >= 0) {
                    int u = a[i];
                    sum += first < 1 ? offer[u] * first : offer[u];
                }
            }
            double scale = sum > upBytesPerStep ? upBytesPerStep / sum : 1;
            double[] rem = partRem[d];
            for (int i = 0; i < deg[d]; i++) {
                int slot = fs[i];
                if (slot < 0) {
                    continue;
                }
                int u = a[i];
                double bytes = (first < 1 ? offer[u] * first : offer[u]) * scale;
                bytes = Math.min(bytes, rem[slot]);
                rem[slot] -= bytes;
                if (rackOf[u] != rackOf[d]) {
                    crossRackBytes += (long) bytes;
                }
            }
            // Completions after the deliveries: a completion re-picks, which changes flows.
            for (int slot = 0; slot < partCount[d]; slot++) {
                if (partPiece[d][slot] >= 0 && partRem[d][slot] <= 0) {
                    complete(d, slot);
                }
            }
        }
    }

    private void complete(int d, int slot) {
        int piece = partPiece[d][slot];
        partPiece[d][slot] = -1;
        livePartials[d]--;
        int word = d * words + (piece >>> 6);
        long bit = 1L << (piece & 63);
        inflight[word] &= ~bit;
        have[word] |= bit;
        haveCount[d]++;
        totalBytes += pieceBytes(piece);
        transfers++;
        int[] a = adj[d];
        int[] fs = flowSlot[d];
        int freedCount = 0;
        for (int i = 0; i < deg[d]; i++) {
            if (fs[i] == slot) {
                fs[i] = -1;
                activeIn[d]--;
                activeOut[a[i]]--;
                freed[freedCount++] = a[i];
            }
        }
        partFlows[d][slot] = 0;
        boolean done = haveCount[d] == pieces;
        // HAVE to every neighbour: availability, and an idle flow from d may now carry this piece.
        int rd = rackOf[d];
        for (int i = 0; i < deg[d]; i++) {
            int x = a[i];
            if (x >= hosts) {
                continue;
            }
            avail[x * pieces + piece]++;
            if (rackOf[x] == rd) {
                availRack[x * pieces + piece]++;
            }
            if (!hasPiece(x, piece)) {
                int j = rev[d][i];
                if (flowSlot[x][j] < 0) {
                    offerPiece(x, j, piece);
                }
            }
        }
        if (done) {
            doneAt[d] = now;
            runningAt[d] = now + random.nextDouble() * params.poll() + config.sizeBytes() / params.verifyBytesPerSecond();
            remaining--;
            for (int i = deg[d] - 1; i >= 0; i--) {
                if (haveCount[adj[d][i]] == pieces) {
                    drop(d, i);
                }
            }
            announce(d);
        } else {
            // The peers that were sending this piece ask for the next (idle flows wait for a HAVE or the rescan).
            for (int k = 0; k < freedCount; k++) {
                int u = freed[k];
                for (int i = 0; i < deg[d]; i++) {
                    if (adj[d][i] == u) {
                        if (fs[i] < 0) {
                            pick(d, i);
                        }
                        break;
                    }
                }
            }
        }
    }

    // ---- picking ----------------------------------------------------------------------------

    private void pickAll(int d) {
        for (int i = 0; i < deg[d]; i++) {
            if (flowSlot[d][i] < 0) {
                pick(d, i);
            }
        }
    }

    /** Starts the flow from d's i-th peer on piece {@code piece} if the rules let it: the peer just got it. */
    private void offerPiece(int d, int i, int piece) {
        int u = adj[d][i];
        if (!mayTake(d, u, piece)) {
            return;
        }
        if (isInflight(d, piece)) {
            for (int slot = 0; slot < partCount[d]; slot++) {
                if (partPiece[d][slot] == piece) {
                    if (hasRoom(d, slot) || endgame(d)) {
                        join(d, i, slot);
                    }
                    return;
                }
            }
            return;
        }
        join(d, i, newPartial(d, piece));
    }

    /** Pieces under way first, then the rarest new piece, then (endgame) a piece under way again. */
    private void pick(int d, int i) {
        int u = adj[d][i];
        if (haveCount[u] == 0 || haveCount[d] == pieces) {
            return;
        }
        int ub = u * words;
        int[] pp = partPiece[d];
        for (int slot = 0; slot < partCount[d]; slot++) {
            int piece = pp[slot];
            if (piece >= 0 && (have[ub + (piece >>> 6)] & (1L << (piece & 63))) != 0 && hasRoom(d, slot)
                    && mayTake(d, u, piece)) {
                join(d, i, slot);
                return;
            }
        }
        int piece = rarest(d, u);
        if (piece >= 0) {
            join(d, i, newPartial(d, piece));
            return;
        }
        if (endgame(d)) {
            for (int slot = 0; slot < partCount[d]; slot++) {
                int p = pp[slot];
                if (p >= 0 && (have[ub + (p >>> 6)] & (1L << (p & 63))) != 0 && partFlows[d][slot] < 2 * maxFlows(d, slot)) {
                    join(d, i, slot);
                    return;
                }
            }
        }
    }

    private boolean endgame(int d) {
        return pieces - haveCount[d] == livePartials[d];
    }

    private int maxFlows(int d, int slot) {
        return Math.max(1, (int) Math.ceil(pieceBytes(partPiece[d][slot]) / ((double) BLOCK * params.pipelineBlocks())));
    }

    private boolean hasRoom(int d, int slot) {
        return partRem[d][slot] > (double) partFlows[d][slot] * BLOCK * params.pipelineBlocks();
    }

    // The rarest-piece choice in progress (the simulation runs on one thread, so no allocation per pick).
    private int pickBest;
    private int pickCount;
    private int pickTies;

    private int rarest(int d, int u) {
        if (rackOf[u] != rackOf[d] && !idleExempt && stripeN[d] > 1) {
            return rarestOfStripe(d, u);
        }
        int ub = u * words;
        int db = d * words;
        int ab = d * pieces;
        startPick();
        int seen = 0;
        int start = nextInt(words);
        for (int k = 0; k < words && seen < params.sample(); k++) {
            int w = start + k < words ? start + k : start + k - words;
            long candidates = have[ub + w] & ~have[db + w] & ~inflight[db + w];
            while (candidates != 0 && seen < params.sample()) {
                int piece = (w << 6) + Long.numberOfTrailingZeros(candidates);
                candidates &= candidates - 1;
                if (!mayTake(d, u, piece)) {
                    continue;
                }
                seen++;
                offerPick(piece, avail[ab + piece]);
            }
        }
        return pickBest;
    }

    /** {@link #rarest} for a peer outside the rack: only the host's stripe, only what no rack-mate has. */
    private int rarestOfStripe(int d, int u) {
        int n = stripeN[d];
        int rank = stripeRank[d];
        int count = rank < pieces ? (pieces - 1 - rank) / n + 1 : 0;
        if (count == 0) {
            return -1;
        }
        int ub = u * words;
        int db = d * words;
        int ab = d * pieces;
        startPick();
        int seen = 0;
        int start = nextInt(count);
        for (int k = 0; k < count && seen < params.sample(); k++) {
            int index = start + k < count ? start + k : start + k - count;
            int piece = rank + index * n;
            int w = piece >>> 6;
            long bit = 1L << (piece & 63);
            if ((have[ub + w] & bit) == 0 || ((have[db + w] | inflight[db + w]) & bit) != 0 || availRack[ab + piece] > 0) {
                continue;
            }
            seen++;
            offerPick(piece, avail[ab + piece]);
        }
        return pickBest;
    }

    /** Starts choosing the rarest piece: {@link #offerPick} each candidate, then read {@link #pickBest}. */
    private void startPick() {
        pickBest = -1;
        pickCount = Integer.MAX_VALUE;
        pickTies = 0;
    }

    /** Keeps the lowest count; among equals a uniform choice (reservoir sampling), as the engine does. */
    private void offerPick(int piece, int count) {
        if (count < pickCount) {
            pickBest = piece;
            pickCount = count;
            pickTies = 1;
        } else if (count == pickCount && nextInt(++pickTies) == 0) {
            pickBest = piece;
        }
    }

    private boolean mayTake(int d, int u, int piece) {
        if (rackOf[u] == rackOf[d] || idleExempt) {
            return true;
        }
        if (availRack[d * pieces + piece] > 0) {
            return false;
        }
        int n = stripeN[d];
        return n == 1 || piece % n == stripeRank[d];
    }

    private boolean couldAsk(int d) {
        int db = d * words;
        for (int i = 0; i < deg[d]; i++) {
            int ub = adj[d][i] * words;
            for (int w = 0; w < words; w++) {
                if ((have[ub + w] & ~have[db + w]) != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private int newPartial(int d, int piece) {
        int slot = -1;
        for (int s = 0; s < partCount[d]; s++) {
            if (partPiece[d][s] < 0) {
                slot = s;
                break;
            }
        }
        if (slot < 0) {
            slot = partCount[d]++;
            if (slot == partPiece[d].length) {
                int size = slot * 2;
                partPiece[d] = Arrays.copyOf(partPiece[d], size);
                partRem[d] = Arrays.copyOf(partRem[d], size);
                partFlows[d] = Arrays.copyOf(partFlows[d], size);
            }
        }
        partPiece[d][slot] = piece;
        livePartials[d]++;
        partRem[d][slot] = pieceBytes(piece);
        partFlows[d][slot] = 0;
        inflight[d * words + (piece >>> 6)] |= 1L << (piece & 63);
        return slot;
    }

    private void join(int d, int i, int slot) {
        flowSlot[d][i] = slot;
        partFlows[d][slot]++;
        activeIn[d]++;
        activeOut[adj[d][i]]++;
    }

    // ---- the tracker and connections --------------------------------------------------------

    private void register(int node) {
        int r = rackOf[node];
        if (rackMemberCount[r] == 0) {
            announcedRacks[announcedRackCount++] = r;
        }
        if (rackMemberCount[r] == rackMembers[r].length) {
            rackMembers[r] = Arrays.copyOf(rackMembers[r], rackMemberCount[r] * 2);
        }
        rackMembers[r][rackMemberCount[r]++] = node;
        announcedNodes++;
    }

    /** An announce: the tracker's answer as RackAwareTorrent samples it, and connections to it. */
    private void announce(int node) {
        boolean complete = haveCount[node] == pieces;
        int want = Math.min(config.want(), params.maxOut() - deg[node]);
        if (want > 0) {
            int r = rackOf[node];
            boolean placed = r < racks && config.rackAware();
            int own = 0;
            if (placed) {
                // RackAwareTorrent: a sample of want + 1 of the own rack, then fromOtherRacks of the others.
                int[] m = rackMembers[r];
                int count = rackMemberCount[r];
                int members = count - 1;
                int ownAvail = Math.min(members, want + 1);
                int shuffled = Math.min(count, ownAvail + 1);
                for (int k = 0; k < shuffled; k++) {
                    int j = k + random.nextInt(count - k);
                    int t = m[k];
                    m[k] = m[j];
                    m[j] = t;
                }
                int fromOthers = Math.min(announcedNodes - count, RackAffinity.DEFAULT.fromOtherRacks(ownAvail, want));
                int fromOwn = Math.min(want - fromOthers, ownAvail);
                int connected = 0;
                for (int k = 0; k < shuffled && connected < fromOwn; k++) {
                    if (m[k] != node) {
                        connect(node, m[k]);
                        connected++;
                    }
                }
                for (int k = 0; k < fromOthers; k++) {
                    int other = randomOtherRack(r);
                    if (other >= 0) {
                        connect(node, other);
                    }
                }
            } else {
                for (int k = 0; k < want; k++) {
                    int other = randomOtherRack(-1);
                    if (other >= 0 && other != node) {
                        connect(node, other);
                    }
                }
            }
        }
        boolean short_ = !complete && deg[node] < params.maxOut() / 2;
        nextAnnounce[node] = now + (short_ ? params.minInterval() : params.interval());
    }

    /** A random announced node outside rack {@code own}: a random rack, then a random member, with retries. */
    private int randomOtherRack(int own) {
        for (int attempt = 0; attempt < 8; attempt++) {
            int r = announcedRacks[random.nextInt(announcedRackCount)];
            if (r == own || rackMemberCount[r] == 0) {
                continue;
            }
            return rackMembers[r][random.nextInt(rackMemberCount[r])];
        }
        return -1;
    }

    private void connect(int a, int b) {
        if (a == b || deg[a] >= params.maxOut() || deg[b] >= params.maxIn()
                || (haveCount[a] == pieces && haveCount[b] == pieces)) {
            return;
        }
        for (int i = 0; i < deg[a]; i++) {
            if (adj[a][i] == b) {
                return;
            }
        }
        int ia = deg[a]++;
        int ib = deg[b]++;
        adj[a][ia] = b;
        adj[b][ib] = a;
        rev[a][ia] = ib;
        rev[b][ib] = ia;
        flowSlot[a][ia] = -1;
        flowSlot[b][ib] = -1;
        count(a, b, 1);
        count(b, a, 1);
        if (rackOf[a] == rackOf[b] && rackOf[a] < racks) {
            stripe(a);
            stripe(b);
        }
        pick(a, ia);
        pick(b, ib);
    }

    /** Availability at {@code at} of what {@code peer} has, up or down by {@code delta}. */
    private void count(int at, int peer, int delta) {
        if (at >= hosts) {
            return;
        }
        boolean sameRack = rackOf[at] == rackOf[peer];
        int base = at * pieces;
        int pb = peer * words;
        for (int w = 0; w < words; w++) {
            long bits = have[pb + w];
            while (bits != 0) {
                int index = base + (w << 6) + Long.numberOfTrailingZeros(bits);
                avail[index] += delta;
                if (sameRack) {
                    availRack[index] += delta;
                }
                bits &= bits - 1;
            }
        }
    }

    private void stripe(int d) {
        int n = 1;
        int rank = 0;
        for (int i = 0; i < deg[d]; i++) {
            int x = adj[d][i];
            if (rackOf[x] == rackOf[d]) {
                n++;
                if (idKey[x] < idKey[d]) {
                    rank++;
                }
            }
        }
        stripeN[d] = n;
        stripeRank[d] = rank;
    }

    /** Closes a's i-th connection: both flows stop, the partial pieces stay for other peers. */
    private void drop(int a, int i) {
        int b = adj[a][i];
        int j = rev[a][i];
        stop(a, i);
        stop(b, j);
        count(a, b, -1);
        count(b, a, -1);
        remove(a, i);
        remove(b, j);
        if (rackOf[a] == rackOf[b] && rackOf[a] < racks) {
            stripe(a);
            stripe(b);
        }
    }

    private void stop(int d, int i) {
        int slot = flowSlot[d][i];
        if (slot >= 0) {
            flowSlot[d][i] = -1;
            partFlows[d][slot]--;
            activeIn[d]--;
            activeOut[adj[d][i]]--;
        }
    }

    private void remove(int a, int i) {
        int last = --deg[a];
        if (i != last) {
            adj[a][i] = adj[a][last];
            rev[a][i] = rev[a][last];
            flowSlot[a][i] = flowSlot[a][last];
            rev[adj[a][i]][rev[a][i]] = i;
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private int nextInt(int bound) {
        long x = xorshift;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        xorshift = x;
        return (int) (((x >>> 32) * bound) >>> 32);
    }

    private boolean hasPiece(int node, int piece) {
        return (have[node * words + (piece >>> 6)] & (1L << (piece & 63))) != 0;
    }

    private boolean isInflight(int node, int piece) {
        return (inflight[node * words + (piece >>> 6)] & (1L << (piece & 63))) != 0;
    }

    private long pieceBytes(int piece) {
        return piece < pieces - 1 ? config.pieceBytes() : config.sizeBytes() - (long) (pieces - 1) * config.pieceBytes();
    }

    private FleetResult result(long nanos) {
        if (totalBytes != (long) hosts * config.sizeBytes()) {
            throw new IllegalStateException("hosts received " + totalBytes + " bytes, expected " + (long) hosts * config.sizeBytes());
        }
        double[] sorted = runningAt.clone();
        Arrays.sort(sorted);
        long edges = 0;
        long crossEdges = 0;
        long degrees = 0;
        for (int h = 0; h < hosts; h++) {
            degrees += deg[h];
            for (int i = 0; i < deg[h]; i++) {
                int peer = adj[h][i];
                if (peer < hosts) {
                    edges++;
                    if (rackOf[peer] != rackOf[h]) {
                        crossEdges++;
                    }
                }
            }
        }
        return new FleetResult(sorted[hosts - 1], Swarm.percentile(sorted, 0.5), Swarm.percentile(sorted, 0.99), crossRackBytes,
                totalBytes, transfers, (double) degrees / hosts, edges == 0 ? 0 : (double) crossEdges / edges, nanos / 1_000_000);
    }
}
