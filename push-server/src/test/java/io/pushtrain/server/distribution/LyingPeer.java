package io.pushtrain.server.distribution;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.turn.ttorrent.bcodec.BDecoder;
import com.turn.ttorrent.common.Torrent;

/**
 * A peer that claims every piece of a torrent and answers every request with random bytes: a host
 * with a corrupt copy, or an attacker. It speaks the plain BitTorrent handshake and closes a
 * connection that opens with anything else, so aria2c retries it plain; it announces itself once.
 */
final class LyingPeer implements AutoCloseable {

    private static final byte[] PROTOCOL = "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);

    private final byte[] infoHash;
    private final int pieces;
    private final byte[] peerId = "-LY0001-000000000000".getBytes(StandardCharsets.ISO_8859_1);
    private final ServerSocket listening;
    private final AtomicLong uploaded = new AtomicLong();
    private final Random garbage = new Random(666);

    /** Listens on {@code address} and announces there to the torrent's first tracker. */
    LyingPeer(byte[] torrent, InetAddress address) throws Exception {
        Torrent parsed = new Torrent(torrent, false);
        infoHash = parsed.getInfoHash();
        pieces = BDecoder.bdecode(ByteBuffer.wrap(torrent)).getMap().get("info").getMap().get("pieces").getBytes().length
                / Torrent.PIECE_HASH_SIZE;
        listening = new ServerSocket(0, 50, address);
        Thread accept = new Thread(this::accept, "lying-peer");
        accept.setDaemon(true);
        accept.start();
        announce(parsed.getAnnounceList().get(0).get(0), address);
    }

    /** Bytes of garbage sent so far. */
    long uploaded() {
        return uploaded.get();
    }

    @Override
    public void close() throws IOException {
        listening.close();
    }

    private void announce(URI tracker, InetAddress from) throws IOException {
        StringBuilder hash = new StringBuilder();
        for (byte b : infoHash) {
            hash.append('%').append(String.format("%02X", b & 0xff));
        }
        String path = tracker.getRawPath() + "?info_hash=" + hash + "&peer_id=" + new String(peerId, StandardCharsets.ISO_8859_1)
                + "&port=" + listening.getLocalPort() + "&uploaded=0&downloaded=0&left=0&compact=1&event=started";
        // From its own address, which is the one the tracker hands out.
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(tracker.getHost(), tracker.getPort()), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + tracker.getHost() + "\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (!answer.startsWith("HTTP/1.1 200 ") || answer.contains("failure reason")) {
                throw new IOException("the tracker refused the lying peer's announce: " + answer);
            }
        }
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket peer = listening.accept();
                Thread serve = new Thread(() -> serve(peer), "lying-peer-" + peer.getPort());
                serve.setDaemon(true);
                serve.start();
            }
            catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket peer) {
        try (peer) {
            DataInputStream in = new DataInputStream(peer.getInputStream());
            DataOutputStream out = new DataOutputStream(peer.getOutputStream());
            if (!handshake(in, out)) {
                return;
            }
            byte[] bitfield = new byte[(pieces + 7) / 8];
            for (int piece = 0; piece < pieces; piece++) {
                bitfield[piece / 8] |= (byte) (0x80 >>> (piece % 8));
            }
            message(out, 5, bitfield);
            message(out, 1, new byte[0]); // unchoke
            while (true) {
                int length = in.readInt();
                if (length == 0) {
                    continue; // keep-alive
                }
                int id = in.readUnsignedByte();
                byte[] payload = in.readNBytes(length - 1);
                if (id == 6) { // request: index, begin, length
                    ByteBuffer request = ByteBuffer.wrap(payload);
                    int index = request.getInt();
                    int begin = request.getInt();
                    byte[] block = new byte[request.getInt()];
                    synchronized (garbage) {
                        garbage.nextBytes(block);
                    }
                    message(out, 7, ByteBuffer.allocate(8 + block.length).putInt(index).putInt(begin).put(block).array());
                    uploaded.addAndGet(block.length);
                }
            }
        }
        catch (IOException gone) {
            // The peer hung up, or found out.
        }
    }

    /** Reads the peer's handshake and answers it; false (and the connection closes) if it is none for this torrent. */
    private boolean handshake(DataInputStream in, OutputStream out) throws IOException {
        if (in.read() != PROTOCOL[0]) {
            return false; // an encrypted handshake, or no BitTorrent at all
        }
        byte[] theirs = in.readNBytes(PROTOCOL.length - 1 + 8 + 20 + 20);
        if (theirs.length < PROTOCOL.length - 1 + 48
                || !Arrays.equals(theirs, 0, PROTOCOL.length - 1, PROTOCOL, 1, PROTOCOL.length)
                || !Arrays.equals(theirs, PROTOCOL.length - 1 + 8, PROTOCOL.length - 1 + 28, infoHash, 0, 20)) {
            return false;
        }
        out.write(PROTOCOL);
        out.write(new byte[8]);
        out.write(infoHash);
        out.write(peerId);
        out.flush();
        return true;
    }

    private static void message(DataOutputStream out, int id, byte[] payload) throws IOException {
        out.writeInt(1 + payload.length);
        out.writeByte(id);
        out.write(payload);
        out.flush();
    }
}
