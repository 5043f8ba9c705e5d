package io.pushtrain.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Announces a {@link WireSession} to its trackers over HTTP, from the host's own address (so the
 * tracker sees the address peers must connect to, and its rack), asking for compact answers. The
 * trackers are tried in the torrent's order and the first that answers is used, so a dead node's
 * tracker costs one connect timeout.
 */
final class WireAnnouncer {

    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int READ_TIMEOUT_MS = 5_000;
    private static final int MAX_ANSWER = 1 << 20;

    /** What a tracker answered: peers to try, and when to announce again. */
    record Answer(List<InetSocketAddress> peers, int intervalSeconds, int minIntervalSeconds) {
    }

    /** The counters an announce carries. */
    record Counters(long uploaded, long downloaded, long left) {
    }

    private final List<URI> trackers;
    private final byte[] infoHash;
    private final byte[] peerId;
    private final InetAddress address;
    private final int port;

    WireAnnouncer(List<URI> trackers, byte[] infoHash, byte[] peerId, InetAddress address, int port) {
        this.trackers = trackers;
        this.infoHash = infoHash;
        this.peerId = peerId;
        this.address = address;
        this.port = port;
    }

    /** Announces to the first tracker that answers; the last tracker's refusal when none does. */
    Answer announce(String event, Counters counters, int numWant) throws IOException {
        IOException last = new IOException("the torrent names no HTTP tracker");
        for (URI tracker : trackers) {
            try {
                return parse(get(tracker, query(event, counters, numWant)));
            } catch (IOException e) {
                last = new IOException(tracker + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private String query(String event, Counters counters, int numWant) {
        StringBuilder query = new StringBuilder("info_hash=").append(escape(infoHash))
                .append("&peer_id=").append(escape(peerId))
                .append("&port=").append(port)
                .append("&uploaded=").append(counters.uploaded())
                .append("&downloaded=").append(counters.downloaded())
                .append("&left=").append(counters.left())
                .append("&compact=1&numwant=").append(numWant)
                .append("&ip=").append(address.getHostAddress());
        if (event != null) {
            query.append("&event=").append(event);
        }
        return query.toString();
    }

    private byte[] get(URI tracker, String query) throws IOException {
        int trackerPort = tracker.getPort() > 0 ? tracker.getPort() : 80;
        String path = (tracker.getRawPath() == null || tracker.getRawPath().isEmpty() ? "/" : tracker.getRawPath())
                + (tracker.getRawQuery() == null ? "?" : "?" + tracker.getRawQuery() + "&") + query;
        try (Socket socket = new Socket()) {
            if (!address.isAnyLocalAddress()) {
                socket.bind(new InetSocketAddress(address, 0));
            }
            socket.connect(new InetSocketAddress(tracker.getHost(), trackerPort), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            OutputStream request = socket.getOutputStream();
            request.write(("GET " + path + " HTTP/1.0\r\nHost: " + tracker.getHost() + ":" + trackerPort
                    + "\r\nUser-Agent: pushtrain-agent\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            request.flush();
            return body(socket.getInputStream());
        }
    }

    private static byte[] body(InputStream response) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = response.read(chunk)) > 0; ) {
            all.write(chunk, 0, n);
            if (all.size() > MAX_ANSWER) {
                throw new IOException("the answer is longer than " + MAX_ANSWER + " bytes");
            }
        }
        byte[] bytes = all.toByteArray();
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (!head.startsWith("HTTP/1.") || end < 0) {
            throw new IOException("not an HTTP answer");
        }
        String status = head.substring(0, head.indexOf("\r\n"));
        if (!status.contains(" 200")) {
            throw new IOException("answered " + status);
        }
        byte[] body = new byte[bytes.length - end - 4];
        System.arraycopy(bytes, end + 4, body, 0, body.length);
        return body;
    }

    static Answer parse(byte[] body) throws IOException {
        Map<String, Object> answer;
        try {
            answer = Bencode.dictionary(Bencode.parse(body).value(), "the tracker's answer");
        } catch (IllegalArgumentException e) {
            throw new IOException("the tracker's answer is not bencode: " + e.getMessage(), e);
        }
        if (answer.get("failure reason") instanceof byte[] reason) {
            throw new IOException("refused: " + new String(reason, StandardCharsets.UTF_8));
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        Object list = answer.get("peers");
        if (list instanceof byte[] compact) {
            for (int i = 0; i + 6 <= compact.length; i += 6) {
                byte[] ip = {compact[i], compact[i + 1], compact[i + 2], compact[i + 3]};
                int port = ((compact[i + 4] & 0xff) << 8) | (compact[i + 5] & 0xff);
                peers.add(new InetSocketAddress(InetAddress.getByAddress(ip), port));
            }
        } else if (list instanceof List<?> dictionaries) {
            for (Object entry : dictionaries) {
                Map<String, Object> peer = Bencode.dictionary(entry, "a peer");
                String ip = Bencode.text(peer.get("ip"));
                if (ip != null && peer.get("port") instanceof Long port) {
                    peers.add(new InetSocketAddress(InetAddress.getByName(ip), port.intValue()));
                }
            }
        }
        int interval = answer.get("interval") instanceof Long l ? l.intValue() : 60;
        int minInterval = answer.get("min interval") instanceof Long l ? l.intValue() : Math.min(interval, 10);
        return new Answer(peers, Math.max(1, interval), Math.max(1, minInterval));
    }

    private static String escape(byte[] bytes) {
        StringBuilder escaped = new StringBuilder();
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                escaped.append(c);
            } else {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return escaped.toString();
    }
}
