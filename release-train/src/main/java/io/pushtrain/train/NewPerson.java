package io.pushtrain.train;

import java.util.Set;

/**
 * A person to create. {@code passwordHash} is already encoded by the caller (the web tier owns
 * the password encoder) and may be null for people who only use API tokens.
 */
public record NewPerson(String name, Set<Role> roles, String ircAccount, String passwordHash) {
}
