package io.pushtrain.dashboard.push;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.pushtrain.distribution.HostState;
import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.RolloutState;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PushPageTests {

    /** Measured before: "3 picks queued" while all three waited for presence in the running push. */
    @Test
    void picksQueuedLeavesOutThoseTheRunningPushHolds() {
        List<PickView> queue = List.of(pick(1, PickState.APPROVED, 7L), pick(2, PickState.CONFIRMED, 7L),
                pick(3, PickState.APPROVED, null), pick(4, PickState.DEFERRED, 6L), pick(5, PickState.REQUESTED, null));
        assertThat(PushPage.queuedForNextPush(queue, Optional.of(push(7, PushState.RUNNING)))).isEqualTo(2);
        assertThat(PushPage.queuedForNextPush(queue, Optional.of(push(7, PushState.DONE)))).isEqualTo(4);
        assertThat(PushPage.queuedForNextPush(queue, Optional.empty())).isEqualTo(4);
    }

    /** Measured before: after a rollback Today's push still said push-26 "runs on every host". */
    @Test
    void afterARollbackThePanelSaysWhatTheHostsRunNow() {
        List<HostView> fleet = List.of(host("web-1", "push-25"), host("web-2", "push-25"), host("web-3", "push-26"),
                host("web-4", null));
        assertThat(FleetNow.of("push-26", RolloutState.ROLLED_BACK, fleet).words())
            .isEqualTo("Rolled back: 1 of 4 hosts run push-26; 1 run nothing yet, 2 run push-25.");
        assertThat(FleetNow.of("push-26", RolloutState.DONE, List.of(host("web-3", "push-26"))).words())
            .isEqualTo("All 1 hosts run push-26.");
        assertThat(FleetNow.of("push-26", null, List.of()).words()).isEqualTo("No hosts are registered yet.");
    }

    @Test
    void aControlReturnsToThePushPageItWasUsedOnAndNowhereElse() {
        assertThat(PushPage.backTo("/pushes/12")).isEqualTo("redirect:/pushes/12");
        assertThat(PushPage.backTo(null)).isEqualTo("redirect:/");
        assertThat(PushPage.backTo("/")).isEqualTo("redirect:/");
        assertThat(PushPage.backTo("https://evil.example/pushes/12")).isEqualTo("redirect:/");
        assertThat(PushPage.backTo("//evil.example")).isEqualTo("redirect:/");
        assertThat(PushPage.backTo("/pushes/12/../../admin")).isEqualTo("redirect:/");
    }

    private static HostView host(String name, String version) {
        return new HostView(name, "rack-a", "prod", null, version, HostState.RUNNING, 100, "", Instant.EPOCH);
    }

    private static PushView push(long id, PushState state) {
        return new PushView(id, 1, "release/x", PushKind.PICKS, state, "rita", Instant.EPOCH, null, null, 0,
                List.of(), List.of(), null, null, null, null, null);
    }

    private static PickView pick(long id, PickState state, Long push) {
        return new PickView(id, 1, "%040d".formatted(id), "subject " + id, "needed", "dana", state, 1, 1, 0, "LOW",
                "why", Instant.EPOCH, null, null, push, null, List.of(), null, List.of(), null, false, null, null);
    }
}
