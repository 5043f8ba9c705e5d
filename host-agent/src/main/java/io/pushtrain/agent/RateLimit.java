package io.pushtrain.agent;

/**
 * A token bucket for all of a session's connections together, so a host's cap holds however many
 * peers it talks to (per-connection caps multiply with the peers). Refilled by the session's loop;
 * a rate of 0 is no limit.
 */
final class RateLimit {

    private final double bytesPerSecond;
    private final double burst;
    private double tokens;
    private long refilledAt = System.nanoTime();

    RateLimit(double kbps) {
        this.bytesPerSecond = Math.max(0, kbps) * 1024;
        // A twentieth of a second of traffic, at least two blocks: small enough that the cap holds
        // over any window a user would measure, large enough that a block is never split by it.
        this.burst = Math.max(2 * WireSession.BLOCK, bytesPerSecond / 20);
        this.tokens = burst;
    }

    boolean unlimited() {
        return bytesPerSecond == 0;
    }

    void refill(long now) {
        if (!unlimited()) {
            tokens = Math.min(burst, tokens + bytesPerSecond * (now - refilledAt) / 1e9);
        }
        refilledAt = now;
    }

    /** Whether bytes may go now; they may overdraw by one message, which the next refills repay. */
    boolean available() {
        return unlimited() || tokens > 0;
    }

    void take(long bytes) {
        if (!unlimited()) {
            tokens -= bytes;
        }
    }
}
