package io.pushtrain.flags;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pushtrain.gatekeeper.client.FlagUser;

/**
 * The users this server evaluated lately, each once with the attributes it was last evaluated with: the sample a
 * flag's reach is counted on. Applications evaluate locally through the SDK, so their traffic is not in it; the
 * page and the API say so.
 */
final class RecentUsers {

    /** Enough for a share to one decimal to mean something, small enough to keep in memory (about 2 MB). */
    static final int CAPACITY = 10_000;

    private final int capacity;
    private final Map<String, FlagUser> users;

    RecentUsers(int capacity) {
        this.capacity = capacity;
        // Access order: a user asked about again moves to the young end and stays in the sample.
        this.users = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FlagUser> eldest) {
                return size() > RecentUsers.this.capacity;
            }
        };
    }

    /** Remembers a user; one without an id cannot be told apart from others and is not kept. */
    synchronized void saw(FlagUser user) {
        if (user != null && user.id() != null && !user.id().isBlank()) {
            users.put(user.id(), user);
        }
    }

    synchronized List<FlagUser> all() {
        return List.copyOf(users.values());
    }

    ReachSample describe(int size) {
        return new ReachSample("recent", size, size == 0
                ? "No users yet: the sample is the users this server evaluates (the API's evaluate and audience, the"
                        + " console's \"who sees this?\"), and it has evaluated none since it started."
                : "The " + size + (size == 1 ? " user" : " distinct users") + " this server evaluated most recently"
                        + " (the API's evaluate and audience, the console's \"who sees this?\"; at most " + String.format(java.util.Locale.ROOT, "%,d", capacity)
                        + ", kept in memory since it started), with their attributes. Applications evaluate"
                        + " locally through the SDK, so their traffic is not in it.");
    }
}
