package io.pushtrain.server.security;

import io.pushtrain.train.Credentials;
import io.pushtrain.train.People;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Password logins (the web form, HTTP Basic) against the people of the train. */
@Component
class PeopleUserDetails implements UserDetailsService {

    private final People people;

    PeopleUserDetails(People people) {
        this.people = people;
    }

    @Override
    public UserDetails loadUserByUsername(String name) {
        Credentials credentials = people.credentials(name)
            .filter(c -> c.passwordHash() != null)
            .orElseThrow(() -> new UsernameNotFoundException("no password login for " + name));
        return User.withUsername(name)
            .password(credentials.passwordHash())
            .authorities(Authorities.of(credentials.person()))
            .build();
    }
}
