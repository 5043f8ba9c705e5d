package io.pushtrain.train;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(properties = "pushtrain.data-dir=target/people-test-data")
class PeopleIntegrationTests {

    @Autowired
    People people;

    @Test
    void aTokenAuthenticatesItsOwnerAndOnlyTheHashIsKept() {
        String name = unique("dev");
        people.create(new NewPerson(name, Set.of(Role.DEVELOPER), null, null));

        String token = people.issueToken(name, "laptop");

        assertThat(people.authenticate(token)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo(name));
        assertThat(people.authenticate(token + "x")).isEmpty();
        assertThat(people.authenticate("")).isEmpty();
    }

    @Test
    void duplicateNamesAndIrcAccountsAreRefusedWithTheReason() {
        String name = unique("dev");
        people.create(new NewPerson(name, Set.of(Role.DEVELOPER), name + "-irc", null));

        assertThatThrownBy(() -> people.create(new NewPerson(name, Set.of(Role.DEVELOPER), null, null)))
            .isInstanceOf(TrainException.Refused.class).hasMessageContaining("already a person named " + name);
        assertThatThrownBy(() -> people.create(new NewPerson(unique("x"), Set.of(Role.DEVELOPER), name + "-irc", null)))
            .isInstanceOf(TrainException.Refused.class).hasMessageContaining("IRC account");
        assertThat(people.findByIrcAccount(name + "-irc")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo(name));
    }

    @Test
    void aPersonNeedsAValidNameAndARole() {
        assertThatThrownBy(() -> people.create(new NewPerson("Bad Name", Set.of(Role.DEVELOPER), null, null)))
            .isInstanceOf(TrainException.Invalid.class);
        assertThatThrownBy(() -> people.create(new NewPerson(unique("x"), Set.of(), null, null)))
            .isInstanceOf(TrainException.Invalid.class).hasMessageContaining("at least one role");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
