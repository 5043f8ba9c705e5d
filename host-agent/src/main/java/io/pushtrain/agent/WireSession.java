package io.pushtrain.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link TorrentSession} on pushtrain's own BitTorrent engine (BEP 3 with compact tracker answers):
 * one NIO loop thread per session and one announcing thread, no thread per peer. It is written for a
 * fleet that shares one build inside racks:
 * <ul>
 * <li>one cap on upload and one on download for the whole host ({@link RateLimit}), not per connection;</li>
 * <li>every connection is bound to the host's address, so the network (and the fleet benchmark) sees
 * which host sends what;</li>
 * <li>the rack rides in the peer id, so each end knows which peers share its rack: pieces a rack-mate
 * has are taken from the rack, and from outside the rack a host takes only its own stripe of the
 * pieces (piece mod rack size), so a rack pulls about one copy across racks;</li>
 * <li>an uploader serves first the piece it has sent least, so a seed spreads distinct pieces;</li>
 * <li>a request unanswered for {@link #REQUEST_TIMEOUT_NS} goes to another peer, and the last
 * blocks are asked of two peers, so a slow or dead peer cannot stall a download.</li>
 * </ul>
 * Anything that is not a plain BitTorrent handshake (an encrypted one, say) is closed, and the
 * peer (aria2c) retries in plain.
 */
final class WireSession implements TorrentSession {

    static final int BLOCK = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(WireSession.class.getName());
    private static final byte[] CLIENT = "-PT0100-".getBytes(StandardCharsets.ISO_8859_1);
    private static final String NO_RACK = "~~~~~~";
    private static final int MAX_PEERS = 40;
    private static final int MAX_WANTS = 256;
    private static final int MAX_BLOCK_ASKED = 128 * 1024;
    /** How soon the loop looks again while a cap holds bytes back: the caps' resolution. */
    private static final long TICK_MS = 10;
    /** How soon it looks again otherwise: every socket event wakes it anyway, this is for timeouts. */
    private static final long IDLE_TICK_MS = 200;
    private static final long REQUEST_TIMEOUT_NS = 15_000_000_000L;
    /** Without any request out for this long, a host may take any piece from outside its rack. */
    private static final long IDLE_BEFORE_ANY_PIECE_NS = 1_000_000_000L;
    private static final long KEEP_ALIVE_NS = 60_000_000_000L;
    private static final long SILENT_PEER_NS = 150_000_000_000L;
    private static final long RETRY_ADDRESS_NS = 20_000_000_000L;
    private static final long HANDSHAKE_TIMEOUT_NS = 5_000_000_000L;
    /** Pieces an origin seed has shown and not yet seen taken, at most: few, so each completes fast. */
    private static final int SHOWN_AT_ONCE = 4;
    /** A shown piece the peer has not taken in this long frees its place for another. */
    private static final long SHOWN_TIMEOUT_NS = 10_000_000_000L;

    private final String artifactId;
    private final Metainfo meta;
    private final PieceFile file;
    private final InetAddress address;
    private final String rack;
    private final byte[] peerId;
    private final RateLimit up;
    private final RateLimit down;
    private final Selector selector;
    private final ServerSocketChannel server;
    private final WireAnnouncer announcer;
    private final Thread loop;
    private final Thread announcing;
    private final ConcurrentLinkedQueue<InetSocketAddress> candidates = new ConcurrentLinkedQueue<>();
    private final Map<InetSocketAddress, Long> triedAt = new HashMap<>();
    private final List<WirePeer> peers = new ArrayList<>();
    private final Map<Integer, Partial> partials = new HashMap<>();
    private final BitSet mine;
    private final int[] availability;
    private final int[] timesSent;
    private final long bytesAtStart;
    /** The server's seed: complete from the start and of no rack; it shows pieces a few at a time. */
    private final boolean originSeed;
    private final int[] timesShown;
    private int showFrom;
    private volatile boolean stopping;
    private volatile boolean failed;
    private volatile long downloaded;
    private volatile long uploaded;
    private volatile int connectedPeers;
    private volatile int candidatesWanted = MAX_PEERS;
    private long idleSince = System.nanoTime();
    private int serveFrom;

    /** A piece being assembled from blocks, possibly from several peers. */
    private static final class Partial {
        final byte[] data;
        final BitSet received = new BitSet();
        final byte[] asked;

        Partial(int size) {
            data = new byte[size];
            asked = new byte[(size + BLOCK - 1) / BLOCK];
        }

        int blocks() {
            return asked.length;
        }
    }

    private WireSession(String artifactId, Metainfo meta, PieceFile file, InetAddress address, String rack,
            double maxDownloadKbps, double maxUploadKbps) throws IOException {
        this.artifactId = artifactId;
        this.meta = meta;
        this.file = file;
        this.address = address;
        this.rack = rack == null ? NO_RACK : rackTag(rack);
        this.peerId = peerId(this.rack);
        this.up = new RateLimit(maxUploadKbps);
        this.down = new RateLimit(maxDownloadKbps);
        this.mine = file.pieces();
        this.availability = new int[meta.pieces()];
        this.timesSent = new int[meta.pieces()];
        this.bytesAtStart = file.bytesPresentAtOpen();
        this.originSeed = rack == null && file.isComplete();
        this.timesShown = new int[meta.pieces()];
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(address, 0), 128);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        this.announcer = new WireAnnouncer(meta.trackers(), meta.infoHash(), peerId, address, listenPort());
        String name = artifactId + "@" + address.getHostAddress();
        this.loop = new Thread(this::run, "wire-" + name);
        this.announcing = new Thread(this::announceLoop, "wire-announce-" + name);
        loop.setDaemon(true);
        announcing.setDaemon(true);
    }

    /**
     * Starts sharing: binds a port on {@code address}, checks the pieces already on disk, announces
     * to the torrent's trackers, downloads what is missing and then seeds. {@code rack} null is a
     * peer of no rack (the server's seed).
     */
    static WireSession start(String artifactId, byte[] torrentBytes, Path downloadDir, InetAddress address,
            String rack, double maxDownloadKbps, double maxUploadKbps) throws IOException {
        Metainfo meta;
        try {
            meta = Metainfo.parse(torrentBytes);
        } catch (IllegalArgumentException e) {
            throw new AgentException("the torrent of " + artifactId + " is not usable: " + e.getMessage(), e);
        }
        PieceFile file = PieceFile.open(meta, downloadDir);
        WireSession session;
        try {
            session = new WireSession(artifactId, meta, file, address, rack, maxDownloadKbps, maxUploadKbps);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        session.loop.start();
        session.announcing.start();
        return session;
    }

    // ---- the loop thread ----

    private void run() {
        try {
            while (!stopping) {
                // A hundred agents on one machine each waking every 10 ms cost a core: the loop
                // wakes on socket events, and on the clock only while a cap is holding bytes back.
                selector.select(heldBack() ? TICK_MS : IDLE_TICK_MS);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                tick(System.nanoTime());
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failed = true;
                LOG.log(Level.WARNING, "BitTorrent session of " + artifactId + " on " + address.getHostAddress()
                        + " stopped: " + e, e);
            }
        } finally {
            List.copyOf(peers).forEach(peer -> drop(peer, null));
            closeQuietly();
        }
    }

    private void handle(SelectionKey key) throws IOException {
        try {
            if (key.isAcceptable()) {
                accept();
                return;
            }
            WirePeer peer = (WirePeer) key.attachment();
            try {
                if (key.isConnectable()) {
                    if (!peer.channel.finishConnect()) {
                        return;
                    }
                    peer.connected = true;
                    peer.handshake(meta.infoHash(), peerId);
                }
                if (key.isReadable()) {
                    read(peer);
                }
                if (peer.channel.isOpen() && key.isValid() && key.isWritable()) {
                    flush(peer);
                }
            } catch (IOException e) {
                drop(peer, e.getMessage());
            }
        } catch (CancelledKeyException e) {
            // The peer was dropped while its key was selected.
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            if (peers.size() >= MAX_PEERS * 3 / 2) {
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            WirePeer peer = new WirePeer(channel, (InetSocketAddress) channel.getRemoteAddress(), false);
            peer.connected = true;
            peers.add(peer);
            channel.register(selector, SelectionKey.OP_READ, peer);
        }
    }

    private void connect(InetSocketAddress candidate) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (!address.isAnyLocalAddress()) {
                channel.bind(new InetSocketAddress(address, 0));
            }
            channel.socket().setTcpNoDelay(true);
            WirePeer peer = new WirePeer(channel, candidate, true);
            if (channel.connect(candidate)) {
                peer.connected = true;
                peer.handshake(meta.infoHash(), peerId);
            }
            peers.add(peer);
            channel.register(selector, peer.connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, peer);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Nothing was sent on it.
                }
            }
        }
    }

    private void read(WirePeer peer) throws IOException {
        int n = peer.channel.read(peer.in);
        if (n < 0) {
            throw new IOException("closed by the peer");
        }
        down.take(n);
        peer.lastHeard = System.nanoTime();
        peer.in.flip();
        try {
            if (!peer.handshaken && !readHandshake(peer)) {
                return;
            }
            while (peer.channel.isOpen() && peer.in.remaining() >= 4) {
                int length = peer.in.getInt(peer.in.position());
                if (length < 0 || length > peer.in.capacity() - 4) {
                    throw new IOException("sent a message of " + length + " bytes");
                }
                if (peer.in.remaining() < 4 + length) {
                    break;
                }
                peer.in.getInt();
                if (length > 0) {
                    ByteBuffer message = peer.in.slice(peer.in.position(), length);
                    peer.in.position(peer.in.position() + length);
                    onMessage(peer, message);
                }
            }
        } finally {
            peer.in.compact();
        }
    }

    /** False while the handshake is not all there; closes anything that is not a plain handshake. */
    private boolean readHandshake(WirePeer peer) throws IOException {
        int available = peer.in.remaining();
        int check = Math.min(available, WirePeer.PROTOCOL.length);
        for (int i = 0; i < check; i++) {
            if (peer.in.get(peer.in.position() + i) != WirePeer.PROTOCOL[i]) {
                throw new IOException("not a plain BitTorrent handshake (encrypted?)");
            }
        }
        if (available < WirePeer.HANDSHAKE_LENGTH) {
            return false;
        }
        byte[] handshake = new byte[WirePeer.HANDSHAKE_LENGTH];
        peer.in.get(handshake);
        if (!Arrays.equals(handshake, 28, 48, meta.infoHash(), 0, 20)) {
            throw new IOException("asked for another torrent");
        }
        peer.peerId = Arrays.copyOfRange(handshake, 48, 68);
        if (Arrays.equals(peer.peerId, peerId)) {
            throw new IOException("is this session itself");
        }
        peer.rack = rackOf(peer.peerId);
        peer.originSeed = isPushtrain(peer.peerId) && peer.rack == null;
        for (WirePeer other : List.copyOf(peers)) {
            if (other != peer && other.handshaken && Arrays.equals(other.peerId, peer.peerId)) {
                // Both ends connected to each other: both keep the connection the lower id opened.
                boolean keepOther = (other.outgoing == (Arrays.compare(peerId, peer.peerId) < 0));
                if (keepOther) {
                    throw new IOException("is already connected");
                }
                drop(other, "connected twice");
            }
        }
        if (!peer.outgoing) {
            peer.handshake(meta.infoHash(), peerId);
        }
        peer.handshaken = true;
        connectedPeers++;
        if (!mine.isEmpty() && !originSeed) {
            peer.sendBitfield(mine, meta.pieces());
        }
        return true;
    }

    private void onMessage(WirePeer peer, ByteBuffer message) throws IOException {
        int id = message.get() & 0xff;
        switch (id) {
            case WirePeer.CHOKE -> {
                peer.peerChoking = true;
                // A choking peer drops what it was asked (BEP 3): ask someone else.
                List.copyOf(peer.asked.keySet()).forEach(block -> release(peer, block));
            }
            case WirePeer.UNCHOKE -> peer.peerChoking = false;
            case WirePeer.INTERESTED -> {
                peer.peerInterested = true;
                if (peer.amChoking) {
                    peer.amChoking = false;
                    peer.send(WirePeer.UNCHOKE);
                }
            }
            case WirePeer.NOT_INTERESTED -> peer.peerInterested = false;
            case WirePeer.HAVE -> {
                gained(peer, message.getInt());
                dropIfBothSeeds(peer);
            }
            case WirePeer.BITFIELD -> {
                for (int piece = 0; piece < meta.pieces() && piece / 8 < message.remaining(); piece++) {
                    if ((message.get(1 + piece / 8) & (0x80 >>> (piece % 8))) != 0) {
                        gained(peer, piece);
                    }
                }
                dropIfBothSeeds(peer);
            }
            case WirePeer.REQUEST -> wanted(peer, message.getInt(), message.getInt(), message.getInt());
            case WirePeer.PIECE -> block(peer, message.getInt(), message.getInt(), message);
            case WirePeer.CANCEL -> {
                int piece = message.getInt();
                int offset = message.getInt();
                peer.wants.removeIf(want -> want[0] == piece && want[1] == offset);
            }
            default -> {
                // Extensions this engine does not offer (it sets no reserved bits): ignored.
            }
        }
    }

    private void gained(WirePeer peer, int piece) throws IOException {
        if (piece < 0 || piece >= meta.pieces()) {
            throw new IOException("has piece " + piece + " of " + meta.pieces());
        }
        peer.shown.remove(piece);
        if (!peer.has.get(piece)) {
            peer.has.set(piece);
            availability[piece]++;
        }
        if (!peer.amInterested && !mine.get(piece)) {
            peer.amInterested = true;
            peer.send(WirePeer.INTERESTED);
        }
    }

    /**
     * Super-seeding (after BEP 16) for the server's seed: instead of its whole bitfield, each peer is
     * shown one piece, the one shown least so far, and only {@link #SHOWN_AT_ONCE} are out at a time.
     * The seed's upload then goes to distinct pieces that finish fast and spread from the hosts,
     * instead of to the same pieces asked by every host that connects to it first.
     */
    private void showPieces(long now) {
        int out = 0;
        for (WirePeer peer : peers) {
            peer.shown.values().removeIf(at -> now - at > SHOWN_TIMEOUT_NS);
            out += peer.shown.size();
        }
        // With fewer peers than pieces out, each is shown several, so one host alone still gets full speed.
        int perPeer = Math.max(1, SHOWN_AT_ONCE / Math.max(1, connectedPeers));
        boolean progress = true;
        while (out < SHOWN_AT_ONCE && progress) {
            progress = false;
            for (int i = 0; i < peers.size() && out < SHOWN_AT_ONCE; i++) {
                WirePeer peer = peers.get((showFrom + i) % peers.size());
                if (!peer.handshaken || peer.shown.size() >= perPeer || peer.isSeed(meta.pieces())) {
                    continue;
                }
                int piece = leastShown(peer);
                if (piece >= 0) {
                    peer.shown.put(piece, now);
                    timesShown[piece]++;
                    peer.sendHave(piece);
                    out++;
                    progress = true;
                    showFrom = (showFrom + i + 1) % peers.size();
                }
            }
        }
    }

    private int leastShown(WirePeer peer) {
        Lowest least = new Lowest();
        for (int piece = peer.has.nextClearBit(0); piece < meta.pieces(); piece = peer.has.nextClearBit(piece + 1)) {
            if (!peer.shown.containsKey(piece)) {
                least.offer(piece, timesShown[piece]);
            }
        }
        return least.piece;
    }

    private void dropIfBothSeeds(WirePeer peer) {
        if (mine.cardinality() == meta.pieces() && peer.isSeed(meta.pieces())) {
            drop(peer, null); // Two seeds have nothing to say to each other.
        }
    }

    private void wanted(WirePeer peer, int piece, int offset, int length) throws IOException {
        if (piece < 0 || piece >= meta.pieces() || offset < 0 || length <= 0 || length > MAX_BLOCK_ASKED
                || (long) offset + length > meta.pieceSize(piece)) {
            throw new IOException("asked for a block outside the torrent");
        }
        if (!peer.amChoking && mine.get(piece) && peer.wants.size() < MAX_WANTS) {
            peer.wants.add(new int[] {piece, offset, length});
        }
    }

    private void block(WirePeer peer, int piece, int offset, ByteBuffer data) throws IOException {
        long key = key(piece, offset);
        int length = data.remaining();
        boolean wasAsked = peer.asked.remove(key) != null;
        peer.received += length;
        downloaded += length;
        Partial partial = partials.get(piece);
        if (partial == null || offset % BLOCK != 0 || offset + length > partial.data.length
                || length != Math.min(BLOCK, partial.data.length - offset)) {
            return; // Late (another peer sent the piece first) or not a block we ask for: not kept.
        }
        int index = offset / BLOCK;
        if (partial.received.get(index)) {
            return;
        }
        // A block that comes after its request timed out is still good data.
        data.get(partial.data, offset, length);
        partial.received.set(index);
        if (wasAsked) {
            partial.asked[index] = (byte) Math.max(0, partial.asked[index] - 1);
        }
        for (WirePeer other : peers) {
            if (other != peer && other.asked.remove(key) != null) {
                other.sendRequest(WirePeer.CANCEL, piece, offset, Math.min(BLOCK, partial.data.length - offset));
            }
        }
        if (partial.received.cardinality() == partial.blocks()) {
            partials.remove(piece);
            if (file.writePiece(piece, partial.data)) {
                mine.set(piece);
                peers.forEach(p -> {
                    if (p.handshaken) {
                        p.sendHave(piece);
                    }
                });
                if (mine.cardinality() == meta.pieces()) {
                    completed();
                }
            } else {
                LOG.warning("Piece " + piece + " of " + artifactId + " failed its SHA-1 (last block from " + peer
                        + "); it is asked again");
            }
        }
    }

    private void completed() {
        LOG.fine(() -> artifactId + " complete on " + address.getHostAddress());
        for (WirePeer peer : List.copyOf(peers)) {
            dropIfBothSeeds(peer);
            if (peer.channel.isOpen() && peer.amInterested) {
                peer.amInterested = false;
                peer.send(WirePeer.NOT_INTERESTED);
            }
        }
        announcing.interrupt(); // Tell the tracker now, so hosts get this seed from it.
    }

    private void tick(long now) throws IOException {
        up.refill(now);
        down.refill(now);
        connectCandidates(now);
        if (originSeed) {
            showPieces(now);
        }
        serveRequests();
        boolean anyAsked = false;
        boolean couldAsk = false;
        for (WirePeer peer : List.copyOf(peers)) {
            if (!peer.channel.isOpen()) {
                continue;
            }
            long silent = now - peer.lastHeard;
            if (silent > SILENT_PEER_NS || (!peer.handshaken && silent > HANDSHAKE_TIMEOUT_NS)) {
                drop(peer, peer.handshaken ? "silent for " + silent / 1_000_000_000L + " s" : "no handshake");
                continue;
            }
            expireRequests(peer, now);
            ask(peer, now);
            anyAsked |= !peer.asked.isEmpty();
            couldAsk |= peer.handshaken && peer.amInterested && !peer.peerChoking;
            if (peer.handshaken && now - peer.lastSent > KEEP_ALIVE_NS) {
                peer.sendKeepAlive();
            }
            try {
                flush(peer);
            } catch (IOException e) {
                drop(peer, e.getMessage());
            }
        }
        // Idle: a peer has what we need and lets us ask, yet nothing is asked (the rack rule holds it back).
        if (anyAsked || !couldAsk) {
            idleSince = now;
        }
    }

    private boolean heldBack() {
        if (!down.available() || (originSeed && !peers.isEmpty())) {
            return true;
        }
        if (!up.available()) {
            for (WirePeer peer : peers) {
                if (!peer.wants.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    private void connectCandidates(long now) {
        InetSocketAddress candidate;
        while (peers.size() < MAX_PEERS && (candidate = candidates.poll()) != null) {
            boolean self = candidate.getAddress().equals(address) && candidate.getPort() == listenPort();
            Long tried = triedAt.get(candidate);
            if (self || (tried != null && now - tried < RETRY_ADDRESS_NS) || connectedTo(candidate)) {
                continue;
            }
            triedAt.put(candidate, now);
            connect(candidate);
        }
        candidatesWanted = Math.max(0, MAX_PEERS - peers.size());
    }

    private boolean connectedTo(InetSocketAddress candidate) {
        for (WirePeer peer : peers) {
            if (peer.address.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** Sends asked-for blocks while the host's upload cap allows, the least-sent piece first. */
    private void serveRequests() throws IOException {
        boolean sent = true;
        // Each tick starts with the next peer, so a cap shared by many peers is shared evenly.
        serveFrom = peers.isEmpty() ? 0 : (serveFrom + 1) % peers.size();
        while (sent && up.available()) {
            sent = false;
            for (int i = 0; i < peers.size(); i++) {
                WirePeer peer = peers.get((serveFrom + i) % peers.size());
                if (!up.available()) {
                    break;
                }
                if (peer.wants.isEmpty() || peer.queuedBytes > 8 * BLOCK || !peer.channel.isOpen()) {
                    continue;
                }
                int[] want = leastSent(peer);
                peer.wants.remove(want);
                ByteBuffer block = file.readBlock(want[0], want[1], want[2]);
                peer.sendPiece(want[0], want[1], block);
                timesSent[want[0]]++;
                up.take(want[2]);
                peer.sent += want[2];
                uploaded += want[2];
                sent = true;
            }
        }
    }

    private int[] leastSent(WirePeer peer) {
        int[] best = peer.wants.peek();
        for (int[] want : peer.wants) {
            if (timesSent[want[0]] < timesSent[best[0]]) {
                best = want;
            }
        }
        return best;
    }

    private void expireRequests(WirePeer peer, long now) {
        if (peer.asked.isEmpty()) {
            return;
        }
        List<Long> late = new ArrayList<>();
        peer.asked.forEach((block, at) -> {
            if (now - at > REQUEST_TIMEOUT_NS) {
                late.add(block);
            }
        });
        late.forEach(block -> release(peer, block));
    }

    private void release(WirePeer peer, long block) {
        if (peer.asked.remove(block) != null) {
            Partial partial = partials.get((int) (block >>> 32));
            if (partial != null) {
                int index = (int) block / BLOCK;
                partial.asked[index] = (byte) Math.max(0, partial.asked[index] - 1);
            }
        }
    }

    /** Keeps enough requests out to this peer for about half a second of what it sends us. */
    private void ask(WirePeer peer, long now) {
        if (!peer.handshaken || peer.peerChoking || !peer.amInterested || !down.available()) {
            return;
        }
        int depth = pipelineDepth(peer);
        while (peer.asked.size() < depth) {
            long block = nextBlock(peer, now);
            if (block < 0) {
                if (peer.asked.isEmpty() && !hasWanted(peer)) {
                    peer.amInterested = false;
                    peer.send(WirePeer.NOT_INTERESTED);
                }
                return;
            }
            int piece = (int) (block >>> 32);
            int offset = (int) block;
            Partial partial = partials.get(piece);
            partial.asked[offset / BLOCK]++;
            peer.asked.put(block, now);
            peer.sendRequest(WirePeer.REQUEST, piece, offset, Math.min(BLOCK, partial.data.length - offset));
        }
    }

    private static int pipelineDepth(WirePeer peer) {
        return 4 + (int) Math.min(28, peer.received / (2L * BLOCK * 16));
    }

    private boolean hasWanted(WirePeer peer) {
        BitSet need = (BitSet) peer.has.clone();
        need.andNot(mine);
        return !need.isEmpty();
    }

    /** The next block to ask this peer for, or -1: pieces under way first, then the rarest new piece. */
    private long nextBlock(WirePeer peer, long now) {
        for (Map.Entry<Integer, Partial> entry : partials.entrySet()) {
            int piece = entry.getKey();
            if (!peer.has.get(piece) || !mayTake(peer, piece, now)) {
                continue;
            }
            Partial partial = entry.getValue();
            for (int index = 0; index < partial.blocks(); index++) {
                if (!partial.received.get(index) && partial.asked[index] == 0) {
                    return key(piece, index * BLOCK);
                }
            }
        }
        int piece = rarestNewPiece(peer, now);
        if (piece >= 0) {
            partials.put(piece, new Partial(meta.pieceSize(piece)));
            return key(piece, 0);
        }
        return endgameBlock(peer);
    }

    private int rarestNewPiece(WirePeer peer, long now) {
        Lowest rarest = new Lowest();
        for (int piece = peer.has.nextSetBit(0); piece >= 0; piece = peer.has.nextSetBit(piece + 1)) {
            if (!mine.get(piece) && !partials.containsKey(piece) && mayTake(peer, piece, now)) {
                rarest.offer(piece, availability[piece]);
            }
        }
        return rarest.piece;
    }

    /** The piece of lowest count among those offered; among equals a uniform choice (reservoir sampling). */
    private static final class Lowest {
        int piece = -1;
        private int count;
        private int ties;

        void offer(int candidate, int candidateCount) {
            if (piece < 0 || candidateCount < count) {
                piece = candidate;
                count = candidateCount;
                ties = 1;
            } else if (candidateCount == count && ThreadLocalRandom.current().nextInt(++ties) == 0) {
                piece = candidate;
            }
        }
    }

    /** When every missing piece is under way, the blocks still out are asked of a second peer. */
    private long endgameBlock(WirePeer peer) {
        if (meta.pieces() - mine.cardinality() != partials.size()) {
            return -1;
        }
        for (Map.Entry<Integer, Partial> entry : partials.entrySet()) {
            int piece = entry.getKey();
            if (!peer.has.get(piece)) {
                continue;
            }
            Partial partial = entry.getValue();
            for (int index = 0; index < partial.blocks(); index++) {
                long block = key(piece, index * BLOCK);
                if (!partial.received.get(index) && partial.asked[index] < 2 && !peer.asked.containsKey(block)) {
                    return block;
                }
            }
        }
        return -1;
    }

    /**
     * Rack affinity on the taking end: anything from a rack-mate; from outside the rack only this
     * host's stripe of the pieces no rack-mate has yet, unless it has had nothing to ask for a while
     * (rack-mates gone or slow), so the rack still finishes.
     */
    private boolean mayTake(WirePeer peer, int piece, long now) {
        if (rack.equals(peer.rack) || rack.equals(NO_RACK) || peer.originSeed) {
            return true;
        }
        if (now - idleSince > IDLE_BEFORE_ANY_PIECE_NS) {
            return true;
        }
        List<byte[]> rackIds = new ArrayList<>();
        rackIds.add(peerId);
        for (WirePeer other : peers) {
            if (other.handshaken && rack.equals(other.rack)) {
                if (other.has.get(piece)) {
                    return false;
                }
                rackIds.add(other.peerId);
            }
        }
        if (rackIds.size() == 1) {
            return true;
        }
        rackIds.sort(Arrays::compare);
        int rank = 0;
        while (rackIds.get(rank) != peerId) {
            rank++;
        }
        return piece % rackIds.size() == rank;
    }

    private void flush(WirePeer peer) throws IOException {
        if (peer.connected && !peer.out.isEmpty()) {
            peer.flush();
        }
        SelectionKey key = peer.channel.keyFor(selector);
        if (key != null && key.isValid() && peer.connected) {
            int ops = (down.available() ? SelectionKey.OP_READ : 0) | (peer.out.isEmpty() ? 0 : SelectionKey.OP_WRITE);
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }
    }

    private void drop(WirePeer peer, String why) {
        if (!peers.remove(peer)) {
            return;
        }
        List.copyOf(peer.asked.keySet()).forEach(block -> release(peer, block));
        for (int piece = peer.has.nextSetBit(0); piece >= 0; piece = peer.has.nextSetBit(piece + 1)) {
            availability[piece]--;
        }
        if (peer.handshaken) {
            connectedPeers--;
        }
        if (why != null) {
            LOG.finer(() -> artifactId + " on " + address.getHostAddress() + ": dropped " + peer + ": " + why);
        }
        try {
            peer.channel.close();
        } catch (IOException e) {
            // Closed already.
        }
    }

    // ---- the announcing thread ----

    private void announceLoop() {
        String event = "started";
        boolean toldCompleted = mine.cardinality() == meta.pieces();
        while (!stopping) {
            int wait;
            try {
                boolean complete = mine.cardinality() == meta.pieces();
                if (complete && !toldCompleted) {
                    event = "completed";
                    toldCompleted = true;
                }
                WireAnnouncer.Answer answer = announcer.announce(event, counters(), Math.max(candidatesWanted, 1));
                event = null;
                candidates.addAll(answer.peers());
                selector.wakeup();
                // Short of peers while downloading: ask again as soon as the tracker allows.
                wait = !complete && connectedPeers < MAX_PEERS / 2 ? answer.minIntervalSeconds() : answer.intervalSeconds();
            } catch (IOException e) {
                LOG.fine(() -> artifactId + " on " + address.getHostAddress() + ": no tracker answered: " + e.getMessage());
                wait = 2;
            }
            try {
                Thread.sleep(wait * 1000L);
            } catch (InterruptedException e) {
                // Woken to announce now (completed), or to stop.
            }
        }
    }

    private WireAnnouncer.Counters counters() {
        long left = 0;
        for (int piece = 0; piece < meta.pieces(); piece++) {
            if (!mine.get(piece)) {
                left += meta.pieceSize(piece);
            }
        }
        return new WireAnnouncer.Counters(uploaded, downloaded, left);
    }

    // ---- TorrentSession ----

    @Override
    public int listenPort() {
        return server.socket().getLocalPort();
    }

    @Override
    public String artifactId() {
        return artifactId;
    }

    @Override
    public Path file() {
        return file.completePath();
    }

    @Override
    public String fileName() {
        return meta.name();
    }

    @Override
    public long size() {
        return meta.length();
    }

    @Override
    public boolean isComplete() {
        return file.isComplete();
    }

    @Override
    public boolean hasFailed() {
        return failed;
    }

    @Override
    public int percent() {
        return file.isComplete() ? 100 : (int) Math.min(99, 100L * file.count() / Math.max(1, meta.pieces()));
    }

    @Override
    public long bytesAtStart() {
        return bytesAtStart;
    }

    @Override
    public long bytesDownloaded() {
        return downloaded;
    }

    @Override
    public long bytesUploaded() {
        return uploaded;
    }

    @Override
    public int peers() {
        return Math.max(0, connectedPeers);
    }

    @Override
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        selector.wakeup();
        announcing.interrupt();
        try {
            loop.join(2_000);
            announcing.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            announcer.announce("stopped", counters(), 0);
        } catch (IOException e) {
            // The tracker forgets a silent peer at its next expiry anyway.
        }
    }

    private void closeQuietly() {
        try {
            server.close();
            selector.close();
            file.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing " + artifactId + ": " + e);
        }
    }

    // ---- ids ----

    private static long key(int piece, int offset) {
        return ((long) piece << 32) | offset;
    }

    /** Six characters of the rack name's SHA-1 in base 32: two racks share one with odds of 1 in 10^9. */
    static String rackTag(String rack) {
        byte[] name = rack.getBytes(StandardCharsets.UTF_8);
        byte[] hash = Metainfo.sha1(name, 0, name.length);
        long bits = ((hash[0] & 0xffL) << 24) | ((hash[1] & 0xffL) << 16) | ((hash[2] & 0xffL) << 8) | (hash[3] & 0xffL);
        StringBuilder tag = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            tag.append("abcdefghijklmnopqrstuvwxyz234567".charAt((int) (bits & 31)));
            bits >>>= 5;
        }
        return tag.toString();
    }

    private static byte[] peerId(String rackTag) {
        byte[] id = new byte[20];
        System.arraycopy(CLIENT, 0, id, 0, CLIENT.length);
        System.arraycopy(rackTag.getBytes(StandardCharsets.ISO_8859_1), 0, id, 8, 6);
        SecureRandom random = new SecureRandom();
        for (int i = 14; i < 20; i++) {
            id[i] = (byte) "0123456789abcdefghijklmnopqrstuvwxyz".charAt(random.nextInt(36));
        }
        return id;
    }

    private static boolean isPushtrain(byte[] id) {
        return Arrays.equals(id, 0, CLIENT.length - 3, CLIENT, 0, CLIENT.length - 3);
    }

    /** The rack tag a pushtrain peer id carries; null for any other client (aria2c, a browser). */
    private static String rackOf(byte[] id) {
        if (!isPushtrain(id)) {
            return null;
        }
        String tag = new String(id, 8, 6, StandardCharsets.ISO_8859_1);
        return tag.equals(NO_RACK) ? null : tag;
    }
}
