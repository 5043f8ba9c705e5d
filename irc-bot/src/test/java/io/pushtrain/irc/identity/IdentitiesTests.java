package io.pushtrain.irc.identity;

import java.util.Set;

import io.pushtrain.train.Person;
import io.pushtrain.train.Role;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentitiesTests {

    private final Identities identities = new Identities();
    private final Person dana = new Person("dana", Set.of(Role.DEVELOPER), "dana_acct");

    @Test
    void aNickIdentifiedStaysBoundWhateverTheCaseOfItsNick() {
        assertThat(identities.bind(identities.ticket("Dana_"), dana, Identities.Proof.TOKEN)).isTrue();
        assertThat(identities.of("dana_")).map(Identities.Binding::person).contains("dana");
        assertThat(identities.nickOf("dana")).contains("Dana_");
    }

    @Test
    void aBindingEndsWhenItsNickIsForgotten() {
        identities.bind(identities.ticket("dana_"), dana, Identities.Proof.TOKEN);
        identities.forget("dana_");
        assertThat(identities.of("dana_")).isEmpty();
        assertThat(identities.nickOf("dana")).isEmpty();
    }

    @Test
    void aTicketTakenBeforeTheNickChangedHandsBindsNothing() {
        Identities.Ticket stale = identities.ticket("dana_");
        identities.forget("dana_");
        assertThat(identities.bind(stale, dana, Identities.Proof.TOKEN)).isFalse();
        assertThat(identities.of("dana_")).isEmpty();
        assertThat(identities.bind(identities.ticket("dana_"), dana, Identities.Proof.TOKEN)).isTrue();
    }

    @Test
    void losingTheServerEndsEveryBinding() {
        identities.bind(identities.ticket("dana_"), dana, Identities.Proof.TOKEN);
        identities.bind(identities.ticket("d2"), dana, Identities.Proof.ACCOUNT);
        identities.forgetAll();
        assertThat(identities.of("dana_")).isEmpty();
        assertThat(identities.of("d2")).isEmpty();
    }

    @Test
    void aPersonIsReachedByBoundNickThenServicesAccountThenName() {
        assertThat(identities.addressOf("dana", "dana_acct")).isEqualTo("dana_acct");
        assertThat(identities.addressOf("dana", null)).isEqualTo("dana");
        identities.bind(identities.ticket("dana_"), dana, Identities.Proof.TOKEN);
        assertThat(identities.addressOf("dana", "dana_acct")).isEqualTo("dana_");
    }
}
