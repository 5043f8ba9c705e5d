package io.pushtrain.server.security;

import java.security.SecureRandom;
import java.util.Set;

import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * On a database with nobody in it, creates {@code admin} with a random password and prints it
 * once, as Jenkins does: there is never a fixed default password to forget to change.
 */
@Component
@Order(0)
class FirstAdmin implements ApplicationRunner {

    static final String NAME = "admin";

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final People people;
    private final PasswordEncoder encoder;

    FirstAdmin(People people, PasswordEncoder encoder) {
        this.people = people;
        this.encoder = encoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!people.nobodyYet()) {
            return;
        }
        String password = randomPassword();
        try {
            people.create(new NewPerson(NAME, Set.of(Role.ADMIN, Role.RELEASE_ENGINEER), null, encoder.encode(password)));
        }
        catch (TrainException.Refused raced) {
            return; // another node created it first and printed its own password
        }
        log.warn("""

                *************************************************************
                pushtrain created 'admin' (ADMIN and RELEASE_ENGINEER).
                Password: {}
                It is shown only this once. Sign in at /login or use HTTP Basic.
                *************************************************************""", password);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
