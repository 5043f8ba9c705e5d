package io.pushtrain.distribution.artifact;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import com.turn.ttorrent.bcodec.BDecoder;
import com.turn.ttorrent.bcodec.BEValue;
import com.turn.ttorrent.bcodec.BEncoder;
import com.turn.ttorrent.common.Torrent;

/** Hashing files, making single-file torrents, and pointing a stored torrent at today's tracker. */
public final class TorrentFiles {

    private TorrentFiles() {
    }

    /** The hex SHA-256 of a file, read once in large blocks. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** A single-file torrent of {@code file} announcing to {@code announce}. */
    public static Torrent create(Path file, URI announce) {
        try {
            return Torrent.create(file.toFile(), announce, "pushtrain");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot make a torrent of " + file + ": " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing " + file, ex);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static byte[] encoded(Torrent torrent) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            torrent.save(out);
            return out.toByteArray();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public static String infoHash(byte[] torrent) {
        try {
            return io.pushtrain.distribution.tracker.EmbeddedTracker.hex(new Torrent(torrent, false).getInfoHash());
        }
        catch (IOException | NoSuchAlgorithmException ex) {
            throw new IllegalArgumentException("not a torrent: " + ex.getMessage(), ex);
        }
    }

    /** The trackers a torrent announces to, in order: its {@code announce-list} tiers flattened, else its {@code announce}. */
    public static List<String> announceList(byte[] torrent) {
        try {
            Map<String, BEValue> map = BDecoder.bdecode(ByteBuffer.wrap(torrent)).getMap();
            List<String> urls = new ArrayList<>();
            if (map.containsKey("announce-list")) {
                for (BEValue tier : map.get("announce-list").getList()) {
                    for (BEValue url : tier.getList()) {
                        urls.add(url.getString());
                    }
                }
            }
            else if (map.containsKey("announce")) {
                urls.add(map.get("announce").getString());
            }
            return urls;
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("not a torrent: " + ex.getMessage(), ex);
        }
    }

    /**
     * The same torrent announcing to {@code announce}: the info dictionary, and so the info hash,
     * stay as they were, so a tracker that moved (port 0 in tests, a new host name) needs no new torrent.
     */
    public static byte[] announcingTo(byte[] torrent, URI announce) {
        return announcingTo(torrent, List.of(List.of(announce)));
    }

    /**
     * The same torrent announcing to these tiers of trackers (BEP 12 {@code announce-list}; a client
     * tries the trackers of a tier in turn, and the next tier when none of them answers). With one
     * tracker there is no {@code announce-list}, as before there were several nodes.
     */
    public static byte[] announcingTo(byte[] torrent, List<List<URI>> tiers) {
        try {
            Map<String, BEValue> map = new LinkedHashMap<>(BDecoder.bdecode(ByteBuffer.wrap(torrent)).getMap());
            map.put("announce", new BEValue(tiers.get(0).get(0).toString(), "UTF-8"));
            map.remove("announce-list");
            if (tiers.size() > 1 || tiers.get(0).size() > 1) {
                List<BEValue> list = new ArrayList<>();
                for (List<URI> tier : tiers) {
                    List<BEValue> urls = new ArrayList<>();
                    for (URI url : tier) {
                        urls.add(new BEValue(url.toString(), "UTF-8"));
                    }
                    list.add(new BEValue(urls));
                }
                map.put("announce-list", new BEValue(list));
            }
            ByteBuffer encoded = BEncoder.bencode(map);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            // Re-encoding a canonical torrent keeps the info dictionary byte for byte; never trust that blindly.
            return infoHash(bytes).equals(infoHash(torrent)) ? bytes : torrent;
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("not a torrent: " + ex.getMessage(), ex);
        }
    }

    /** The manifest next to the torrent, as JSON (written by hand: the module carries no JSON library). */
    public static byte[] manifest(String id, String fileName, String sha256, long size, java.time.Instant createdAt) {
        String json = "{\n  \"id\": " + quote(id) + ",\n  \"fileName\": " + quote(fileName) + ",\n  \"sha256\": "
                + quote(sha256) + ",\n  \"size\": " + size + ",\n  \"createdAt\": " + quote(createdAt.toString())
                + "\n}\n";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
