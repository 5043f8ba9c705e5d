package io.pushtrain.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The peer-selection policy as a table: how many peers of each kind an answer holds. */
class RackAffinityTests {

    /** Peers named rack/n. */
    private static List<String> peers(int sameRack, int otherRacks) {
        List<String> peers = new ArrayList<>();
        for (int i = 0; i < sameRack; i++) {
            peers.add("r1/" + i);
        }
        for (int i = 0; i < otherRacks; i++) {
            peers.add("r" + (2 + i % 5) + "/" + i);
        }
        return peers;
    }

    @ParameterizedTest(name = "{0} in the rack, {1} elsewhere, want {2}: {3} + {4}")
    @CsvSource({
        // a full rack: its own peers and one from elsewhere
        "19, 500, 50, 19, 1",
        "40, 500, 30, 29, 1",
        // the first hosts of a rack: others fill up to four peers, no more
        "0, 500, 50, 0, 4",
        "2, 500, 50, 2, 2",
        "3, 500, 50, 3, 1",
        // nothing elsewhere, or a tiny swarm
        "10, 0, 50, 10, 0",
        "1, 1, 50, 1, 1",
        // a small answer keeps its cross-rack peer
        "19, 500, 3, 2, 1" })
    void anAnswerHoldsOwnRackPeersAndFewFromElsewhere(int sameRack, int otherRacks, int want, int expectOwn,
            int expectOthers) {
        List<String> chosen = RackAffinity.DEFAULT.choose("r1", peers(sameRack, otherRacks), p -> p.split("/")[0], want,
                new Random(7));

        assertThat(chosen.stream().filter(p -> p.startsWith("r1/"))).hasSize(expectOwn);
        assertThat(chosen.stream().filter(p -> !p.startsWith("r1/"))).hasSize(expectOthers);
        assertThat(chosen).doesNotHaveDuplicates();
    }

    @Test
    void aHostWithoutARackGetsPeersAtRandomFromEveryRack() {
        List<String> chosen = RackAffinity.DEFAULT.choose(null, peers(20, 200), p -> p.split("/")[0], 50,
                new Random(7));

        assertThat(chosen).hasSize(50).doesNotHaveDuplicates();
        assertThat(chosen.stream().map(p -> p.split("/")[0]).distinct()).hasSizeGreaterThan(3);
    }

    @Test
    void everySameRackPeerIsEquallyLikelyToBeChosen() {
        int[] times = new int[40];
        Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            for (String peer : RackAffinity.DEFAULT.choose("r1", peers(40, 10), p -> p.split("/")[0], 12, random)) {
                if (peer.startsWith("r1/")) {
                    times[Integer.parseInt(peer.substring(3))]++;
                }
            }
        }
        // 20,000 answers x 11 own-rack peers / 40 = 5,500 each; a biased sample would be far off
        for (int count : times) {
            assertThat(count).isBetween(5_100, 5_900);
        }
    }
}
