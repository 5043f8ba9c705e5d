package io.pushtrain.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bencode reader for torrents and tracker answers: integers as {@link Long}, strings as
 * {@code byte[]}, lists and dictionaries (keys as ISO-8859-1 text). It remembers where the
 * {@code info} dictionary starts and ends, because a torrent's info hash is the SHA-1 of those
 * exact bytes, not of a re-encoding.
 */
final class Bencode {

    private final byte[] data;
    private int at;
    private int infoStart = -1;
    private int infoEnd = -1;

    private Bencode(byte[] data) {
        this.data = data;
    }

    /** The value, and the span of the top-level dictionary's {@code info} entry (or -1, -1). */
    record Parsed(Object value, int infoStart, int infoEnd) {
    }

    static Parsed parse(byte[] data) {
        Bencode reader = new Bencode(data);
        Object value = reader.value(0);
        return new Parsed(value, reader.infoStart, reader.infoEnd);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dictionary(Object value, String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException(what + " is not a dictionary");
    }

    static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : null;
    }

    private Object value(int depth) {
        if (depth > 32) {
            throw new IllegalArgumentException("bencode nested deeper than 32");
        }
        byte first = peek();
        if (first == 'i') {
            at++;
            long number = number('e');
            return number;
        }
        if (first == 'l') {
            at++;
            List<Object> list = new ArrayList<>();
            while (peek() != 'e') {
                list.add(value(depth + 1));
            }
            at++;
            return list;
        }
        if (first == 'd') {
            at++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (peek() != 'e') {
                String key = new String(string(), StandardCharsets.ISO_8859_1);
                int start = at;
                Object entry = value(depth + 1);
                if (depth == 0 && key.equals("info")) {
                    infoStart = start;
                    infoEnd = at;
                }
                map.put(key, entry);
            }
            at++;
            return map;
        }
        if (first >= '0' && first <= '9') {
            return string();
        }
        throw new IllegalArgumentException("not bencode at byte " + at + ": '" + (char) first + "'");
    }

    private byte[] string() {
        long length = number(':');
        if (length < 0 || length > data.length - at) {
            throw new IllegalArgumentException("a bencode string of " + length + " bytes runs past the end");
        }
        byte[] bytes = new byte[(int) length];
        System.arraycopy(data, at, bytes, 0, bytes.length);
        at += bytes.length;
        return bytes;
    }

    private long number(char end) {
        int start = at;
        while (peek() != end) {
            at++;
        }
        String digits = new String(data, start, at - start, StandardCharsets.US_ASCII);
        at++;
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a bencode number: '" + digits + "'", e);
        }
    }

    private byte peek() {
        if (at >= data.length) {
            throw new IllegalArgumentException("bencode ends early, at byte " + at);
        }
        return data[at];
    }
}
