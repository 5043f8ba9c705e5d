package io.pushtrain.karma;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static io.pushtrain.karma.KarmaIntegrationTests.unique;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(properties = { "pushtrain.karma.cost-of-conflict=1", "pushtrain.karma.cost-of-revert=2",
        "pushtrain.karma.threshold=3", "pushtrain.karma.contact=#ship-it" })
class AutomaticKarmaIntegrationTests {

    @Autowired
    Karma karma;

    @Test
    void configuredOffencesCostTheirStarsAndSayWhyInTheHistory() {
        String hank = unique("hank");

        assertThat(karma.penalize(hank, Offence.CONFLICT, "pick 42 on train-2026-01-04")).isPresent();
        assertThat(karma.penalize(hank, Offence.FAILED_TESTS, "pick 43")).isEmpty();

        assertThat(karma.stars(hank)).isEqualTo(4);
        assertThat(karma.history(hank)).singleElement().satisfies(change -> {
            assertThat(change.by()).isEqualTo(Karma.AUTOMATIC);
            assertThat(change.reason()).isEqualTo("the pick conflicted with the release branch: pick 42 on train-2026-01-04");
        });
    }

    @Test
    void theThresholdAndTheContactAreConfigurable() {
        String ivy = unique("ivy");

        karma.penalize(ivy, Offence.REVERT, "pick 7 reverted");

        assertThat(karma.standing(ivy).refused()).isTrue();
        assertThat(karma.standing(ivy).message()).endsWith("talk to them in #ship-it").contains("has 3 stars");
    }
}
