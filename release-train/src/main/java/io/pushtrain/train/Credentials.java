package io.pushtrain.train;

/** What the web tier needs to check a password login. */
public record Credentials(Person person, String passwordHash) {
}
