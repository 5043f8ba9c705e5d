package io.pushtrain.dashboard.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Requesters' stars for the queue, kept between page views: a queue of hundreds of picks has
 * hundreds of requesters, and one query each would cost more than the rest of the page.
 * A karma change on this node drops the entry at once; one made on another node shows within
 * {@link #FRESH}.
 */
@Component
class RequesterStars {

    static final Duration FRESH = Duration.ofSeconds(30);

    private final Karma karma;
    private final Clock clock;
    private final Map<String, Known> known = new ConcurrentHashMap<>();

    RequesterStars(Karma karma, Optional<Clock> clock) {
        this.karma = karma;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    int of(String person) {
        Instant now = clock.instant();
        Known entry = known.get(person);
        if (entry == null || entry.until().isBefore(now)) {
            entry = new Known(karma.stars(person), now.plus(FRESH));
            known.put(person, entry);
        }
        return entry.stars();
    }

    @EventListener
    void changed(KarmaChanged change) {
        known.remove(change.person());
    }

    private record Known(int stars, Instant until) {
    }
}
