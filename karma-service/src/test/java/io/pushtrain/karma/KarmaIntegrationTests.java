package io.pushtrain.karma;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@SpringBootTest
@RecordApplicationEvents
class KarmaIntegrationTests {

    @Autowired
    Karma karma;

    @Autowired
    ApplicationEvents events;

    @Test
    void newPeopleStartAtFiveStarsAndMayPick() {
        String alice = unique("alice");

        assertThat(karma.stars(alice)).isEqualTo(5);
        assertThat(karma.mayPick(alice)).isTrue();
        assertThat(karma.history(alice)).isEmpty();
    }

    @Test
    void unlikesDownToTwoStarsRefusePicksWithTheMessageAndALikeRestoresThem() {
        String alice = unique("alice");
        karma.unlike(alice, "rel", "broke the build twice");
        karma.unlike(alice, "rel", "pick without tests");
        assertThat(karma.mayPick(alice)).isTrue();

        karma.unlike(alice, "rel", "ignored the presence ping");

        KarmaStanding refused = karma.standing(alice);
        assertThat(refused.stars()).isEqualTo(2);
        assertThat(refused.refused()).isTrue();
        assertThat(karma.mayPick(alice)).isFalse();
        assertThat(refused.message()).isEqualTo(alice + " has 2 stars: the train takes no picks from " + alice
                + " until the release engineer restores karma; talk to them in #release");

        karma.like(alice, "rel", "talked it through in #release");

        assertThat(karma.stars(alice)).isEqualTo(3);
        assertThat(karma.mayPick(alice)).isTrue();
        assertThat(karma.standing(alice).message()).isEqualTo(alice + " has 3 stars: the train takes picks from " + alice);
    }

    @Test
    void everyChangeIsKeptWithWhoWhenWhyFromAndToNewestFirst() {
        String bob = unique("bob");
        KarmaChange first = karma.unlike(bob, "rel", "late for the push");
        KarmaChange second = karma.like(bob, "rel2", "  fixed it fast  ");

        List<KarmaChange> history = karma.history(bob);

        assertThat(history).containsExactly(second, first);
        assertThat(first).extracting(KarmaChange::from, KarmaChange::to, KarmaChange::by, KarmaChange::reason)
            .containsExactly(5, 4, "rel", "late for the push");
        assertThat(second.reason()).isEqualTo("fixed it fast");
        assertThat(second.at()).isAfterOrEqualTo(first.at());
    }

    @Test
    void starsStayBetweenOneAndFiveAndTheClampedChangeIsStillKept() {
        String carol = unique("carol");
        karma.like(carol, "rel", "great week");
        assertThat(karma.stars(carol)).isEqualTo(5);
        for (int i = 0; i < 6; i++) {
            karma.unlike(carol, "rel", "again " + i);
        }

        assertThat(karma.stars(carol)).isEqualTo(1);
        assertThat(karma.history(carol)).hasSize(7).first()
            .extracting(KarmaChange::from, KarmaChange::to).containsExactly(1, 1);
    }

    @Test
    void nobodyMayChangeTheirOwnKarma() {
        String dave = unique("dave");

        assertThatThrownBy(() -> karma.like(dave, dave, "I am great"))
            .isInstanceOf(KarmaException.OwnKarma.class)
            .hasMessageContaining("Nobody may change their own karma");
        assertThatThrownBy(() -> karma.unlike(dave, dave.toUpperCase(), "modest"))
            .isInstanceOf(KarmaException.OwnKarma.class);
        assertThat(karma.history(dave)).isEmpty();
    }

    @Test
    void aChangeNeedsAReason() {
        String erin = unique("erin");

        assertThatThrownBy(() -> karma.unlike(erin, "rel", "  "))
            .isInstanceOf(KarmaException.Invalid.class).hasMessageContaining("Give a reason");
        assertThatThrownBy(() -> karma.unlike(erin, "rel", null)).isInstanceOf(KarmaException.Invalid.class);
        assertThat(karma.stars(erin)).isEqualTo(5);
    }

    @Test
    void aChangePublishesKarmaChangedSayingWhetherPicksAreNowRefused() {
        String frank = unique("frank");
        karma.unlike(frank, "rel", "one");
        karma.unlike(frank, "rel", "two");
        karma.unlike(frank, "rel", "three");

        assertThat(events.stream(KarmaChanged.class).filter(e -> e.person().equals(frank)))
            .extracting(KarmaChanged::to, KarmaChanged::refused)
            .containsExactly(tuple(4, false), tuple(3, false), tuple(2, true));
    }

    @Test
    void automaticEffectsAreOffByDefault() {
        String gina = unique("gina");

        assertThat(karma.penalize(gina, Offence.CONFLICT, "pick 17")).isEmpty();
        assertThat(karma.penalize(gina, Offence.FAILED_TESTS, "pick 18")).isEmpty();
        assertThat(karma.penalize(gina, Offence.REVERT, "pick 19")).isEmpty();
        assertThat(karma.stars(gina)).isEqualTo(5);
        assertThat(karma.history(gina)).isEmpty();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
