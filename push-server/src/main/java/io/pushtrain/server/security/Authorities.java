package io.pushtrain.server.security;

import java.util.List;

import io.pushtrain.train.Person;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

final class Authorities {

    private Authorities() {
    }

    static List<GrantedAuthority> of(Person person) {
        return person.roles().stream()
            .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role.name()))
            .toList();
    }
}
