package io.pushtrain.flags;

/**
 * The users a flag's reach was counted on, and where they come from, said so that nobody takes a guess for a fact.
 *
 * @param source {@code recent} (users this server evaluated lately) or {@code given} (the users the caller sent)
 * @param size how many users
 * @param description where they come from, in a sentence
 */
public record ReachSample(String source, int size, String description) {
}
