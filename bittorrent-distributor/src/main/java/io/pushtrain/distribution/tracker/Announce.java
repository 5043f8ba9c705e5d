package io.pushtrain.distribution.tracker;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import com.turn.ttorrent.common.protocol.TrackerMessage.AnnounceRequestMessage.RequestEvent;

/**
 * One announce request, parsed strictly from the raw query string. ttorrent's own
 * {@code TrackerService} throws out of its handler on a parameter without a value, a port that is
 * not a number or a bad percent escape, and the client gets an empty 200; here every such request
 * becomes a {@link Refused} with a reason the tracker sends back as {@code failure reason}.
 */
record Announce(byte[] infoHash, byte[] peerId, String announcedIp, int port, long uploaded, long downloaded, long left,
        RequestEvent event, boolean compact, int numWant) {

    static final int DEFAULT_NUM_WANT = 50;

    /**
     * Parses the query. The {@code ip} parameter is kept as {@link #announcedIp()} (an IPv4 literal or
     * null) but the tracker believes it only from a trusted proxy.
     */
    static Announce parse(String rawQuery) {
        Map<String, byte[]> params = params(rawQuery);
        byte[] infoHash = required(params, "info_hash");
        if (infoHash.length != 20) {
            throw new Refused("info_hash must be 20 bytes, was " + infoHash.length);
        }
        byte[] peerId = required(params, "peer_id");
        if (peerId.length != 20) {
            throw new Refused("peer_id must be 20 bytes, was " + peerId.length);
        }
        long port = number(params, "port", -1);
        if (port < 1 || port > 65535) {
            throw new Refused(params.containsKey("port") ? "port must be 1 to 65535" : "Missing port");
        }
        RequestEvent event = event(params.get("event"));
        String compact = text(params.get("compact"));
        long numWant = number(params, "numwant", DEFAULT_NUM_WANT);
        return new Announce(infoHash, peerId, ipv4(text(params.get("ip"))), (int) port,
                number(params, "uploaded", 0), number(params, "downloaded", 0), number(params, "left", 0), event,
                !"0".equals(compact), (int) Math.min(Math.max(numWant, 0), 200));
    }

    String hexInfoHash() {
        return EmbeddedTracker.hex(infoHash);
    }

    /**
     * The peer id as ttorrent names its peers ({@code Torrent.byteArrayToHexString}: lower-case hex
     * of the unsigned number, leading zeros dropped), without its BigInteger division.
     */
    String hexPeerId() {
        String hex = java.util.HexFormat.of().formatHex(peerId);
        int zeros = 0;
        while (zeros < hex.length() - 1 && hex.charAt(zeros) == '0') {
            zeros++;
        }
        return hex.substring(zeros);
    }

    private static Map<String, byte[]> params(String rawQuery) {
        Map<String, byte[]> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = new String(decode(eq < 0 ? pair : pair.substring(0, eq)), java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] value = eq < 0 ? null : decode(pair.substring(eq + 1));
            params.put(key, value);
        }
        return params;
    }

    /** Percent-decoding to raw bytes: info_hash and peer_id are binary. */
    private static byte[] decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new Refused("bad percent escape in the query");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new Refused("bad percent escape in the query");
                }
                out.write(high * 16 + low);
                i += 2;
            }
            else if (c == '+') {
                out.write(' ');
            }
            else if (c > 0xff) {
                throw new Refused("the query is not URL-encoded");
            }
            else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static byte[] required(Map<String, byte[]> params, String name) {
        byte[] value = params.get(name);
        if (value == null || value.length == 0) {
            throw new Refused("Missing " + name);
        }
        return value;
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static long number(Map<String, byte[]> params, String name, long absent) {
        if (!params.containsKey(name)) {
            return absent;
        }
        String text = text(params.get(name));
        try {
            long value = Long.parseLong(text == null ? "" : text);
            if (value < 0) {
                throw new Refused(name + " must not be negative");
            }
            return value;
        }
        catch (NumberFormatException ex) {
            throw new Refused(name + " must be a number");
        }
    }

    private static RequestEvent event(byte[] value) {
        String name = text(value);
        if (name == null || name.isEmpty() || name.equals("empty")) {
            return RequestEvent.NONE;
        }
        return switch (name) {
            case "started" -> RequestEvent.STARTED;
            case "stopped" -> RequestEvent.STOPPED;
            case "completed" -> RequestEvent.COMPLETED;
            default -> throw new Refused("event must be started, stopped, completed or empty");
        };
    }

    /** The address as an IPv4 literal, or null when it is none. */
    static String ipv4(String announced) {
        if (announced != null) {
            byte[] literal = PeerRacks.literal(announced.trim());
            if (literal != null && literal.length == 4) {
                try {
                    return InetAddress.getByAddress(literal).getHostAddress();
                }
                catch (java.net.UnknownHostException ex) {
                    return null;
                }
            }
        }
        return null;
    }

    /** A request the tracker answers with a {@code failure reason}. */
    static class Refused extends RuntimeException {

        private final int status;

        Refused(String reason) {
            this(400, reason);
        }

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }
}
