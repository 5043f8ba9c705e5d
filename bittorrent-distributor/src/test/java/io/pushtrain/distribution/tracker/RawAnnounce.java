package io.pushtrain.distribution.tracker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.turn.ttorrent.bcodec.BDecoder;
import com.turn.ttorrent.bcodec.BEValue;

/**
 * Announces by hand, over a socket bound to a chosen loopback address, the way a host in a
 * rack would: 127.0.<rack>.<n> all reach the tracker on Linux.
 */
final class RawAnnounce {

    private RawAnnounce() {
    }

    /** The status code and body of GET {@code pathAndQuery}, sent from {@code from}. */
    static Answer get(String from, int port, String pathAndQuery) throws IOException {
        return send(from, port, ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    static Answer send(String from, int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(10_000);
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            return Answer.parse(all);
        }
    }

    /** The query string of an announce for a torrent; peer ids are 20 ASCII bytes. */
    static String query(String hexInfoHash, String peerId, int port, String extra) {
        return "/announce?info_hash=" + percent(hex(hexInfoHash)) + "&peer_id=" + percent(peerId.getBytes(StandardCharsets.ISO_8859_1))
                + "&port=" + port + "&uploaded=0&downloaded=0&left=100&event=started" + extra;
    }

    /** The same announce to {@code /announce/<key>}, as a host's torrent announces. */
    static String keyed(String key, String query) {
        return query.replaceFirst("^/announce\\?", "/announce/" + key + "?");
    }

    static String peerId(String name) {
        return (name + "--------------------").substring(0, 20);
    }

    static String percent(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xff));
        }
        return out.toString();
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    record Answer(int status, byte[] body) {

        static Answer parse(byte[] all) {
            int end = -1;
            for (int i = 0; i + 3 < all.length; i++) {
                if (all[i] == '\r' && all[i + 1] == '\n' && all[i + 2] == '\r' && all[i + 3] == '\n') {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw new IllegalStateException("no HTTP answer: " + new String(all, StandardCharsets.ISO_8859_1));
            }
            String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(head.split(" ")[1]);
            return new Answer(status, Arrays.copyOfRange(all, end + 4, all.length));
        }

        Map<String, BEValue> dictionary() throws IOException {
            return BDecoder.bdecode(ByteBuffer.wrap(body)).getMap();
        }

        String failureReason() throws IOException {
            BEValue reason = dictionary().get("failure reason");
            return reason == null ? null : reason.getString();
        }

        /** The peers as ip:port, from a compact or a dictionary list. */
        List<String> peers() throws IOException {
            BEValue peers = dictionary().get("peers");
            List<String> found = new ArrayList<>();
            if (peers.getValue() instanceof byte[] compact) {
                for (int i = 0; i + 6 <= compact.length; i += 6) {
                    found.add((compact[i] & 0xff) + "." + (compact[i + 1] & 0xff) + "." + (compact[i + 2] & 0xff) + "."
                            + (compact[i + 3] & 0xff) + ":" + (((compact[i + 4] & 0xff) << 8) | (compact[i + 5] & 0xff)));
                }
            }
            else {
                for (BEValue peer : peers.getList()) {
                    Map<String, BEValue> map = peer.getMap();
                    found.add(map.get("ip").getString() + ":" + map.get("port").getInt());
                }
            }
            return found;
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] bytes(ByteArrayOutputStream out) {
        return out.toByteArray();
    }
}
