package io.pushtrain.gatekeeper.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Sticky bucketing, checked as properties over many users with a fixed seed. */
class BucketingTests {

    private static final int USERS = 100_000;

    @Test
    void theHashIsMurmur3OfFlagColonUser() {
        // Reference values of MurmurHash3_x86_32 with seed 0 (as Guava's murmur3_32_fixed computes them).
        assertThat(murmur("")).isEqualTo(0);
        assertThat(murmur("hello")).isEqualTo(0x248bfa47);
        assertThat(murmur("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
        assertThat(Bucketing.bucket("composer", "alice"))
            .isEqualTo((int) (Integer.toUnsignedLong(murmur("composer:alice")) % 10_000));
    }

    @Test
    void aUserStaysInTheRolloutAsThePercentageGrows() {
        Random random = new Random(42);
        CompiledFlag atTen = rollout(10);
        CompiledFlag atTwenty = rollout(20);
        CompiledFlag atThirty = rollout(30);
        for (int i = 0; i < USERS; i++) {
            FlagUser user = FlagUser.of("user-" + random.nextLong());
            if (atTen.evaluate(user).enabled()) {
                assertThat(atTwenty.evaluate(user).enabled()).as("%s in at 10%% but out at 20%%", user.id()).isTrue();
            }
            if (atTwenty.evaluate(user).enabled()) {
                assertThat(atThirty.evaluate(user).enabled()).as("%s in at 20%% but out at 30%%", user.id()).isTrue();
            }
        }
    }

    @Test
    void twentyPercentServesTwentyPercentOfUsersWithinOnePoint() {
        Random random = new Random(7);
        CompiledFlag atTwenty = rollout(20);
        int in = 0;
        for (int i = 0; i < USERS; i++) {
            if (atTwenty.evaluate(FlagUser.of(Long.toHexString(random.nextLong()))).enabled()) {
                in++;
            }
        }
        assertThat(in / (double) USERS).isCloseTo(0.20, within(0.01));
    }

    @Test
    void aUserGetsTheSameAnswerEveryTimeAndDifferentFlagsBucketIndependently() {
        CompiledFlag composer = rollout(50);
        CompiledFlag other = CompiledFlag.of(Flag.booleanFlag("checkout", true, List.of(Rule.percentage(50, "on"))));
        int agree = 0;
        for (int i = 0; i < 10_000; i++) {
            FlagUser user = FlagUser.of("u" + i);
            assertThat(composer.evaluate(user)).isEqualTo(composer.evaluate(user));
            if (composer.evaluate(user).enabled() == other.evaluate(user).enabled()) {
                agree++;
            }
        }
        // Independent 50% rollouts agree for about half of the users, not for all of them.
        assertThat(agree / 10_000.0).isCloseTo(0.5, within(0.03));
    }

    @Test
    void nonAsciiUserIdsHashAsTheirUtf8Bytes() {
        assertThat(Bucketing.bucket("composer", "zoë-🎉"))
            .isEqualTo((int) (Integer.toUnsignedLong(murmur("composer:zoë-🎉")) % 10_000));
    }

    private static CompiledFlag rollout(double percentage) {
        return CompiledFlag.of(Flag.booleanFlag("composer", true, List.of(Rule.percentage(percentage, "on"))));
    }

    /** A plain block-wise MurmurHash3_x86_32, the oracle for the streaming one. */
    private static int murmur(String text) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int h = 0;
        int blocks = data.length / 4;
        for (int i = 0; i < blocks; i++) {
            int k = (data[4 * i] & 0xff) | (data[4 * i + 1] & 0xff) << 8 | (data[4 * i + 2] & 0xff) << 16
                    | (data[4 * i + 3] & 0xff) << 24;
            h ^= Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
            h = Integer.rotateLeft(h, 13) * 5 + 0xe6546b64;
        }
        int k = 0;
        for (int i = data.length - 1; i >= 4 * blocks; i--) {
            k = (k << 8) | (data[i] & 0xff);
        }
        if (data.length % 4 != 0) {
            h ^= Integer.rotateLeft(k * 0xcc9e2d51, 15) * 0x1b873593;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
