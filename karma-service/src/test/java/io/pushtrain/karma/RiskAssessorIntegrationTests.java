package io.pushtrain.karma;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import io.pushtrain.karma.Risk.Level;
import io.pushtrain.karma.risk.PickSampleRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class RiskAssessorIntegrationTests {

    @Autowired
    RiskAssessor risk;

    @Autowired
    PickSampleRepository samples;

    @BeforeEach
    void noRecentPicks() {
        // Risk is relative to every recent pick in the table; only this class writes it in this JVM.
        samples.deleteAll();
    }

    @Test
    void riskMovesFromLowToHighAsSizeAndDiscussionGrowAgainstRecordedPicks() {
        Random random = new Random(7L);
        for (int i = 0; i < 200; i++) {
            risk.record(new PickSample("pick-" + i, 5 + random.nextInt(200), 1 + random.nextInt(10),
                    random.nextInt(12)), Instant.now().minus(Duration.ofHours(i)));
        }

        Risk small = risk.assess(new PickSample(null, 20, 1, 1));
        Risk usual = risk.assess(new PickSample(null, 120, 6, 7));
        Risk bigAndQuiet = risk.assess(new PickSample(null, 400, 14, 2));
        Risk bigAndControversial = risk.assess(new PickSample(null, 400, 14, 30));

        assertThat(small.level()).isEqualTo(Level.LOW);
        assertThat(usual.level()).isEqualTo(Level.MEDIUM);
        assertThat(bigAndQuiet.level()).isEqualTo(Level.MEDIUM);
        assertThat(bigAndControversial.level()).isEqualTo(Level.HIGH);
        assertThat(bigAndControversial.reason()).isEqualTo("top 1% by size (400 lines in 14 files), top 1% by"
                + " discussion (score 30), against the last 200 picks");
    }

    @Test
    void onlyTheWindowOfRecentPicksCounts() {
        for (int i = 0; i < 30; i++) {
            risk.record(new PickSample("old-" + i, 10_000, 100, 100), Instant.now().minus(Duration.ofDays(31)));
            risk.record(new PickSample("new-" + i, 10 + i, 1, i % 3));
        }

        Risk pick = risk.assess(new PickSample(null, 500, 5, 5));

        assertThat(pick.comparedWith()).isEqualTo(30);
        assertThat(pick.level()).isEqualTo(Level.HIGH);
    }

    @Test
    void aPickIsNotComparedWithItselfAndRecordingItAgainReplacesIt() {
        for (int i = 0; i < 25; i++) {
            risk.record(new PickSample("p-" + i, 10 + i, 1, 0));
        }

        Risk first = risk.assessAndRecord(new PickSample("p-big", 900, 30, 40));
        Risk again = risk.assessAndRecord(new PickSample("p-big", 900, 30, 40));

        assertThat(first.comparedWith()).isEqualTo(25);
        assertThat(again).isEqualTo(first);
        assertThat(samples.count()).isEqualTo(26);
    }

    @Test
    void withTooFewRecentPicksTheFixedGuidesDecideAndSaySo() {
        risk.record(new PickSample("only-one", 10, 1, 0));

        Risk pick = risk.assess(new PickSample(null, 800, 3, 25));

        assertThat(pick.level()).isEqualTo(Level.HIGH);
        assertThat(pick.reason()).startsWith("only 1 recent picks to compare with (20 needed), so fixed guides decide");
    }
}
