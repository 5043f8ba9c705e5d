package io.pushtrain.train;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Published when a push needs its requesters to show up: each must confirm before the deadline.
 *
 * @param picksByRequester the ids of each requester's picks in the push
 */
public record PresenceRequested(long push, Instant deadline, Map<String, List<Long>> picksByRequester) {
}
