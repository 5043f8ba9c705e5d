package io.pushtrain.gatekeeper.client;

import java.nio.charset.StandardCharsets;

/**
 * Sticky rollout buckets: MurmurHash3 (x86, 32 bit, seed 0) of the UTF-8 bytes of {@code flag + ":" + user},
 * unsigned, modulo 10,000. A user's bucket never changes, so raising a percentage only adds users.
 */
public final class Bucketing {

    /** Buckets per flag: a percentage has two decimals of resolution. */
    public static final int BUCKETS = 10_000;

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Bucketing() {
    }

    /** The bucket, 0 to 9,999, of a user for a flag. */
    public static int bucket(String flag, String user) {
        return bucket((flag + ":").getBytes(StandardCharsets.UTF_8), user);
    }

    /** The bucket with the flag's prefix already encoded, so the hot path encodes only the user id. */
    static int bucket(byte[] prefix, String user) {
        Murmur state = new Murmur();
        for (byte b : prefix) {
            state.add(b);
        }
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c < 0x80) {
                state.add((byte) c);
            }
            else {
                // Rare in ids: take the JDK's encoder rather than hand-rolling surrogates.
                for (byte b : user.substring(i, i + (Character.isHighSurrogate(c) && i + 1 < user.length() ? 2 : 1))
                    .getBytes(StandardCharsets.UTF_8)) {
                    state.add(b);
                }
                if (Character.isHighSurrogate(c) && i + 1 < user.length()) {
                    i++;
                }
            }
        }
        return (int) (Integer.toUnsignedLong(state.finish()) % BUCKETS);
    }

    /** MurmurHash3 fed one byte at a time, without building the concatenated key. */
    private static final class Murmur {

        private int h;
        private int pending;
        private int pendingBytes;
        private int length;

        void add(byte b) {
            pending |= (b & 0xff) << (8 * pendingBytes);
            length++;
            if (++pendingBytes == 4) {
                h ^= mixK(pending);
                h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
                pending = 0;
                pendingBytes = 0;
            }
        }

        int finish() {
            if (pendingBytes > 0) {
                h ^= mixK(pending);
            }
            h ^= length;
            h ^= h >>> 16;
            h *= 0x85ebca6b;
            h ^= h >>> 13;
            h *= 0xc2b2ae35;
            h ^= h >>> 16;
            return h;
        }

        private static int mixK(int k) {
            k *= C1;
            k = Integer.rotateLeft(k, 15);
            return k * C2;
        }
    }
}
