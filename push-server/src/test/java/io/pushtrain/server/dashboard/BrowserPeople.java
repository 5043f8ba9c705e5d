package io.pushtrain.server.dashboard;

import java.util.Set;

import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainException;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/** The people the browser tests sign in as, each with the password {@code <name>-pw}. */
final class BrowserPeople {

    private BrowserPeople() {
    }

    /**
     * Makes the person, or takes the one another browser test made in the shared database, as
     * long as it has the role this test needs.
     */
    static void ensure(People people, PasswordEncoder encoder, String name, Role role) {
        try {
            people.create(new NewPerson(name, Set.of(role), name, encoder.encode(name + "-pw")));
        }
        catch (TrainException.Refused exists) {
            assertThat(people.get(name).has(role)).as("%s made by another test is a %s", name, role).isTrue();
        }
    }
}
