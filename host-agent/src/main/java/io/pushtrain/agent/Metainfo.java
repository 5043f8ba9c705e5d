package io.pushtrain.agent;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a single-file torrent says: the file, its pieces and their SHA-1s, the info hash that names
 * the swarm, and the trackers to announce to (every tier of {@code announce-list}, then
 * {@code announce}), in the order to try them: each tier shuffled, as BEP 12 asks, so the hosts of
 * a cluster spread over its nodes' trackers instead of all asking the first.
 */
record Metainfo(String name, long length, int pieceLength, byte[] pieceHashes, byte[] infoHash, List<URI> trackers) {

    static Metainfo parse(byte[] torrent) {
        Bencode.Parsed parsed = Bencode.parse(torrent);
        Map<String, Object> top = Bencode.dictionary(parsed.value(), "the torrent");
        Map<String, Object> info = Bencode.dictionary(top.get("info"), "the torrent's info");
        if (info.containsKey("files")) {
            throw new IllegalArgumentException("it holds several files");
        }
        String name = Bencode.text(info.get("name"));
        if (name == null || name.isEmpty() || name.contains("/") || name.equals("..")) {
            throw new IllegalArgumentException("its file name is missing or not a plain name: " + name);
        }
        long length = info.get("length") instanceof Long l ? l : -1;
        long pieceLength = info.get("piece length") instanceof Long l ? l : -1;
        byte[] pieces = info.get("pieces") instanceof byte[] b ? b : new byte[0];
        if (length < 0 || pieceLength <= 0 || pieceLength > 64 << 20) {
            throw new IllegalArgumentException("its length or piece length is missing or out of range");
        }
        long count = (length + pieceLength - 1) / pieceLength;
        if (pieces.length != count * 20) {
            throw new IllegalArgumentException("it has " + pieces.length / 20 + " piece hashes for " + count + " pieces");
        }
        byte[] infoHash = sha1(torrent, parsed.infoStart(), parsed.infoEnd() - parsed.infoStart());
        return new Metainfo(name, length, (int) pieceLength, pieces, infoHash, trackers(top));
    }

    int pieces() {
        return pieceHashes.length / 20;
    }

    int pieceSize(int piece) {
        long start = (long) piece * pieceLength;
        return (int) Math.min(pieceLength, length - start);
    }

    private static List<URI> trackers(Map<String, Object> top) {
        Set<URI> trackers = new LinkedHashSet<>();
        if (top.get("announce-list") instanceof List<?> tiers) {
            for (Object tier : tiers) {
                if (tier instanceof List<?> urls) {
                    List<Object> shuffled = new ArrayList<>(urls);
                    Collections.shuffle(shuffled);
                    shuffled.forEach(url -> add(trackers, Bencode.text(url)));
                }
            }
        }
        add(trackers, Bencode.text(top.get("announce")));
        return List.copyOf(new ArrayList<>(trackers));
    }

    private static void add(Set<URI> trackers, String url) {
        if (url != null && url.startsWith("http")) {
            try {
                trackers.add(URI.create(url));
            } catch (IllegalArgumentException e) {
                // A tracker address we cannot read is one tracker fewer, not a broken torrent.
            }
        }
    }

    static byte[] sha1(byte[] data, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-1");
            digest.update(data, offset, length);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-1", e);
        }
    }
}
