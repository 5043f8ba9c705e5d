package io.pushtrain.server.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wrong passwords per name and per client address in a fixed window: enough of either and the
 * password checks of that name or address pause until the window has passed. Kept in memory:
 * a restart forgets them, which costs an attacker a restart of the server.
 */
class PasswordAttempts {

    private static final Logger log = LoggerFactory.getLogger(PasswordAttempts.class);
    private static final int MAX_TRACKED = 100_000;

    private final LoginProperties limits;
    private final Clock clock;
    private final Map<String, Window> failures = new ConcurrentHashMap<>();

    PasswordAttempts(LoginProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** How long the checks of this name or address still pause, if they do. */
    Optional<Duration> paused(String user, String address) {
        Instant now = clock.instant();
        Duration forUser = pausedFor("user " + user, limits.maxFailuresPerUser(), now);
        Duration forAddress = address == null ? null
                : pausedFor("address " + address, limits.maxFailuresPerAddress(), now);
        if (forUser == null || forAddress == null) {
            return Optional.ofNullable(forUser == null ? forAddress : forUser);
        }
        return Optional.of(forUser.compareTo(forAddress) > 0 ? forUser : forAddress);
    }

    void failed(String user, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(window -> window.over(now));
        }
        count("user " + user, limits.maxFailuresPerUser(), now, user, address);
        if (address != null) {
            count("address " + address, limits.maxFailuresPerAddress(), now, user, address);
        }
    }

    void succeeded(String user) {
        failures.remove("user " + user);
    }

    private void count(String key, int max, Instant now, String user, String address) {
        Window window = failures.compute(key, (k, old) -> old == null || old.over(now)
                ? new Window(now.plus(limits.window()), 1) : new Window(old.ends(), old.count() + 1));
        if (window.count() == max) {
            log.warn("Password checks paused for {} until {}: {} wrong passwords within {} (last for '{}' from {})",
                    key, window.ends(), max, limits.window(), user, address);
        }
    }

    private Duration pausedFor(String key, int max, Instant now) {
        Window window = failures.get(key);
        return window == null || window.over(now) || window.count() < max ? null : Duration.between(now, window.ends());
    }

    private record Window(Instant ends, int count) {
        boolean over(Instant now) {
            return !now.isBefore(ends);
        }
    }
}
