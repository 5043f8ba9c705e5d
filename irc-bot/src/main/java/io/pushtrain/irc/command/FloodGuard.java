package io.pushtrain.irc.command;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per nick: {@code commands} commands, refilled evenly over {@code per}. The first
 * command over the limit gets one "slow down" notice; the rest are dropped until the bucket refills.
 */
final class FloodGuard {

    /** What to do with a command. */
    enum Verdict { RUN, WARN, DROP }

    private final int capacity;
    private final long refillNanosPerCommand;
    // A bucket is a few dozen bytes; a thousand developers never make this map worth evicting.
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    FloodGuard(int commands, Duration per) {
        this.capacity = commands;
        this.refillNanosPerCommand = Math.max(1, per.toNanos() / commands);
    }

    Verdict admit(String nick, long nowNanos) {
        Bucket bucket = buckets.computeIfAbsent(nick.toLowerCase(Locale.ROOT), n -> new Bucket(capacity, nowNanos));
        synchronized (bucket) {
            bucket.refill(nowNanos, capacity, refillNanosPerCommand);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                bucket.warned = false;
                return Verdict.RUN;
            }
            if (!bucket.warned) {
                bucket.warned = true;
                return Verdict.WARN;
            }
            return Verdict.DROP;
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;
        boolean warned;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        void refill(long now, int capacity, long nanosPerToken) {
            tokens = Math.min(capacity, tokens + (double) (now - updated) / nanosPerToken);
            updated = now;
        }
    }
}
