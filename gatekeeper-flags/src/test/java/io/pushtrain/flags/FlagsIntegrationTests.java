package io.pushtrain.flags;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.pushtrain.gatekeeper.client.InvalidFlag;
import io.pushtrain.gatekeeper.client.Rule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Flags service on the real PostgreSQL: versions, history, revert, optimistic locking, events. */
@SpringBootTest
@RecordApplicationEvents
class FlagsIntegrationTests {

    @Autowired
    Flags flags;

    @Autowired
    ApplicationEvents events;

    private final String name = "composer-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void everyChangeIsANewVersionKeptWithWhoAndWhy() {
        Flag created = flags.put(name, composer(false), 0L, "pat", "ship dark");
        Flag changed = flags.put(name, composer(true), 1L, "sam", "employees first");

        assertThat(created.version()).isEqualTo(1);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(flags.get(name)).isEqualTo(changed);
        assertThat(flags.history(name)).extracting(FlagVersion::version, FlagVersion::by, FlagVersion::reason)
            .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "sam", "employees first"),
                    org.assertj.core.groups.Tuple.tuple(1L, "pat", "ship dark"));
        assertThat(events.stream(FlagChanged.class).filter(e -> e.name().equals(name)).map(FlagChanged::version))
            .containsExactly(1L, 2L);
    }

    @Test
    void aRevertServesAnEarlierVersionAgainAsANewVersion() {
        flags.put(name, composer(true), null, "pat", "on");
        flags.put(name, composer(false), null, "pat", "off: it crashes");

        Flag reverted = flags.revert(name, 1, "sam", null);

        assertThat(reverted.version()).isEqualTo(3);
        assertThat(reverted.enabled()).isTrue();
        assertThat(flags.history(name).get(0).reason()).isEqualTo("revert to version 1");
    }

    @Test
    void anEditBasedOnAnOldVersionIsRefusedWithWhatChangedSince() {
        flags.put(name, composer(true), null, "pat", "on");
        flags.put(name, composer(false), 1L, "sam", "kill it: errors in checkout");

        assertThatThrownBy(() -> flags.put(name, composer(true).withEnabled(true), 1L, "kim", "my edit"))
            .isInstanceOfSatisfying(FlagConflict.class, conflict -> {
                assertThat(conflict.currentVersion()).isEqualTo(2);
                assertThat(conflict.changedBy()).isEqualTo("sam");
                assertThat(conflict.changes()).containsExactly("enabled: true -> false");
                assertThat(conflict.getMessage()).contains("changed since version 1: sam made version 2")
                    .contains("kill it: errors in checkout").contains("send version 2");
            });
        assertThat(flags.get(name).version()).isEqualTo(2);
    }

    @Test
    void creatingAFlagThatAlreadyExistsWithVersionZeroIsAConflict() {
        flags.put(name, composer(true), 0L, "pat", "new");

        assertThatThrownBy(() -> flags.put(name, composer(true), 0L, "kim", "new too")).isInstanceOf(FlagConflict.class);
    }

    @Test
    void aDeletedFlagKeepsItsHistoryAndARecreatedOneContinuesTheNumbers() {
        flags.put(name, composer(true), null, "pat", "on");
        flags.delete(name, 1L, "pat", "done with it");

        assertThatThrownBy(() -> flags.get(name)).isInstanceOf(UnknownFlag.class);
        assertThat(flags.history(name).get(0).deleted()).isTrue();
        assertThat(flags.put(name, composer(false), 0L, "pat", "again").version()).isEqualTo(3);
        assertThat(events.stream(FlagChanged.class).filter(e -> e.name().equals(name)).map(FlagChanged::deleted))
            .containsExactly(false, true, false);
    }

    @Test
    void anInvalidFlagIsRefusedAndNothingIsStored() {
        Flag bad = Flag.booleanFlag(name, true, List.of(Rule.percentage(150, "on")));

        assertThatThrownBy(() -> flags.put(name, bad, null, "pat", "oops")).isInstanceOf(InvalidFlag.class)
            .hasMessageContaining("percentage 150 is outside 0-100");
        assertThatThrownBy(() -> flags.history(name)).isInstanceOf(UnknownFlag.class);
    }

    @Test
    void evaluationOnTheServerNamesTheMatchedRule() {
        flags.put(name, composer(true), null, "pat", "on");

        assertThat(flags.evaluate(name, FlagUser.of("bob").inGroups("employees")).reason())
            .isEqualTo("rule 2: group employees");
        assertThat(flags.evaluate(name, FlagUser.of("techcrunch")).enabled()).isTrue();
    }

    private Flag composer(boolean enabled) {
        return new Flag(null, "new photo composer", "photos", enabled, Map.of("on", true, "off", false), "off",
                List.of(Rule.users("on", "techcrunch"), Rule.groups("on", "employees"),
                        Rule.attribute("country", "in", List.of("NZ", "AU"), "on"), Rule.percentage(20, "on")),
                null);
    }
}
