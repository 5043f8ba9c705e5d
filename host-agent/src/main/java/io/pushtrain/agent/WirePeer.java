package io.pushtrain.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection of a {@link WireSession} to another peer: its socket and buffers, and the state
 * BEP 3 keeps per peer (choked, interested, which pieces it has, what each side asked the other for).
 * Only the session's own thread touches it.
 */
final class WirePeer {

    static final int HANDSHAKE_LENGTH = 68;
    static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);
    /** A piece message carries at most a 16 KiB block; anything much longer is not a peer we want. */
    static final int MAX_MESSAGE = 1 << 20;

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int NOT_INTERESTED = 3;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int CANCEL = 8;

    final SocketChannel channel;
    final InetSocketAddress address;
    final boolean outgoing;
    final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    final BitSet has = new BitSet();
    /** Blocks asked of this peer and not yet received: block key to the time asked (ns). */
    final Map<Long, Long> asked = new LinkedHashMap<>();
    /** Blocks this peer asked for and not yet sent: piece, offset, length. */
    final ArrayDeque<int[]> wants = new ArrayDeque<>();
    /** An origin seed's pieces shown to this peer and not yet had by it: piece to the time shown (ns). */
    final Map<Integer, Long> shown = new LinkedHashMap<>();

    boolean handshaken;
    boolean connected;
    byte[] peerId;
    String rack;
    /** A pushtrain seed of no rack (the server's): it shows its pieces a few at a time. */
    boolean originSeed;
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    long received;
    long sent;
    long lastHeard = System.nanoTime();
    long lastSent = System.nanoTime();
    int queuedBytes;

    WirePeer(SocketChannel channel, InetSocketAddress address, boolean outgoing) {
        this.channel = channel;
        this.address = address;
        this.outgoing = outgoing;
    }

    boolean isSeed(int pieces) {
        return has.cardinality() == pieces;
    }

    void handshake(byte[] infoHash, byte[] myId) {
        ByteBuffer buffer = ByteBuffer.allocate(HANDSHAKE_LENGTH);
        buffer.put(PROTOCOL).put(new byte[8]).put(infoHash).put(myId);
        queue(buffer.flip());
    }

    void send(int id) {
        queue(ByteBuffer.allocate(5).putInt(1).put((byte) id).flip());
    }

    void sendHave(int piece) {
        queue(ByteBuffer.allocate(9).putInt(5).put((byte) HAVE).putInt(piece).flip());
    }

    void sendBitfield(BitSet pieces, int count) {
        byte[] bits = new byte[(count + 7) / 8];
        for (int piece = pieces.nextSetBit(0); piece >= 0; piece = pieces.nextSetBit(piece + 1)) {
            bits[piece / 8] |= (byte) (0x80 >>> (piece % 8));
        }
        queue(ByteBuffer.allocate(5 + bits.length).putInt(1 + bits.length).put((byte) BITFIELD).put(bits).flip());
    }

    void sendRequest(int id, int piece, int offset, int length) {
        queue(ByteBuffer.allocate(17).putInt(13).put((byte) id).putInt(piece).putInt(offset).putInt(length).flip());
    }

    void sendPiece(int piece, int offset, ByteBuffer block) {
        ByteBuffer head = ByteBuffer.allocate(13).putInt(9 + block.remaining()).put((byte) PIECE).putInt(piece)
                .putInt(offset).flip();
        queue(head);
        queue(block);
    }

    void sendKeepAlive() {
        queue(ByteBuffer.allocate(4).putInt(0).flip());
    }

    private void queue(ByteBuffer buffer) {
        queuedBytes += buffer.remaining();
        out.add(buffer);
    }

    /** Writes what the socket takes now; the bytes of piece payload sent are counted by the session. */
    int flush() throws IOException {
        int written = 0;
        while (!out.isEmpty()) {
            ByteBuffer next = out.peek();
            int n = channel.write(next);
            written += n;
            if (next.hasRemaining()) {
                break;
            }
            out.poll();
        }
        queuedBytes -= written;
        if (written > 0) {
            lastSent = System.nanoTime();
        }
        return written;
    }

    @Override
    public String toString() {
        return address.getAddress().getHostAddress() + ":" + address.getPort()
                + (rack == null ? "" : " (rack " + rack + ")");
    }
}
