package io.pushtrain.train;

import java.util.Set;

/** Someone who talks to the train: a developer, the release engineer, a product owner or a host. */
public record Person(String name, Set<Role> roles, String ircAccount) {

    public Person {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
