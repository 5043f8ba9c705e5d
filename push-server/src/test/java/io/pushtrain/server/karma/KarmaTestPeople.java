package io.pushtrain.server.karma;

import io.pushtrain.server.Http;
import java.util.Set;
import java.util.UUID;

import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;

import org.springframework.security.crypto.password.PasswordEncoder;

/** People with unique names and known passwords, since every test in the JVM shares one database. */
final class KarmaTestPeople {

    private static final String PASSWORD = "secret-karma";

    private KarmaTestPeople() {
    }

    static String create(People people, PasswordEncoder encoder, String prefix, Role role) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        people.create(new NewPerson(name, Set.of(role), null, encoder.encode(PASSWORD)));
        return name;
    }

    static String login(String name) {
        return Http.basic(name, PASSWORD);
    }
}
