package io.pushtrain.train;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.trunk.TrunkMirror;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Pushes that do not end well lose nothing: a failed build hands its picks back to the queue and
 * leaves the branch alone, a cut waits for the running push, a push with nothing to ship builds
 * nothing, and a test shard's lease follows the node that runs it, not the test timeout.
 */
@Tag("slow")
@DirtiesContext
@SpringBootTest(properties = { "pushtrain.push.presence-window=3s", "pushtrain.push.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.test.tick=200ms", "pushtrain.test.lease=3s",
        "pushtrain.test.commands=sleep 3 && mkdir -p r && echo '<testsuite name=\"s\"><testcase name=\"t\"/></testsuite>' > r/TEST-s.xml",
        "pushtrain.test.reports=r/*.xml", "pushtrain.push.retry-backoff=300ms" })
class PushFailureIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId editA;
    static ObjectId editC;
    static Path failBuilds;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("push-failure");
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n", "c.txt", "c1\n"));
        editA = remote.commit("alice", "Fix the login page", Map.of("a.txt", "A1\n"));
        editC = remote.commit("carol", "Tune the cache", Map.of("c.txt", "C1\n"));
        remote.serveTo(registry);
        failBuilds = Path.of(URI.create(remote.url())).resolveSibling("fail-builds");
        registry.add("pushtrain.build.command", () -> "test -e " + failBuilds
                + " && echo 'the linker ran out of memory' && exit 1; echo app > app.bin && echo app.bin");
    }

    @AfterAll
    static void closeRemote() {
        remote.close();
    }

    @Autowired
    Trains trains;

    @Autowired
    Picks picks;

    @Autowired
    Pushes pushes;

    @Autowired
    TrunkMirror trunk;

    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void noPushLeftRunning() {
        await().atMost(Duration.ofSeconds(60)).until(() -> pushes.all().stream()
            .noneMatch(p -> p.state() == PushState.RUNNING));
    }

    @Test
    void aFailedBuildHandsEveryPickBackToTheQueueAndTheBranchStaysWhereItWas() throws IOException {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView a = confirmedPick(editA, "alice");
        PickView c = confirmedPick(editC, "carol");

        Files.writeString(failBuilds, "until this test ends");
        PushView failed;
        try {
            failed = finished(pushes.start(train.id(), PushKind.PICKS, "re").id());
        }
        finally {
            Files.delete(failBuilds);
        }

        assertThat(failed.state()).isEqualTo(PushState.FAILED);
        assertThat(failed.detail()).contains("the build exited with 1").contains("the linker ran out of memory");
        assertThat(trunk.head(train.branch())).as("the branch only moves to a candidate that built").contains(base);
        for (PickView pick : List.of(picks.get(a.id()), picks.get(c.id()))) {
            assertThat(pick.state()).isEqualTo(PickState.APPROVED);
            assertThat(pick.push()).isNull();
            assertThat(pick.pickedCommit()).isNull();
            assertThat(pick.detail()).contains("back in the queue").contains("push " + failed.id())
                .contains("the build exited with 1");
        }
        assertThat(failed.picks()).extracting(PushView.PushPickView::id).containsExactly(a.id(), c.id());

        assertThat(picks.reject(a.id(), "re", "not this week").state()).isEqualTo(PickState.REJECTED);
        assertThat(picks.request(new PickRequest(editC.name(), "again", null, "carol")).pick().id())
            .as("the handed-back pick is the open request").isEqualTo(c.id());

        picks.confirm(c.id(), "carol");
        PushView next = finished(pushes.start(train.id(), PushKind.PICKS, "re").id());
        assertThat(next.picks()).extracting(PushView.PushPickView::id).containsExactly(c.id());
        assertThat(next.state()).as(next.detail()).isEqualTo(PushState.DONE);
    }

    @Test
    void aRemoteThatDoesNotAnswerIsRetriedWithBackoffAndThePushGoesOnWhenItIsBack() throws IOException {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView a = confirmedPick(editA, "alice");
        Path remoteDir = Path.of(URI.create(remote.url()));
        Path away = remoteDir.resolveSibling("remote-away");

        Files.move(remoteDir, away);
        long id;
        StepView retrying;
        try {
            id = pushes.start(train.id(), PushKind.PICKS, "re").id();
            retrying = await().atMost(Duration.ofSeconds(60)).until(() -> step(id, "land"),
                    land -> land.detail() != null && land.detail().contains("(attempt 3 of 7)"));
        }
        finally {
            Files.move(away, remoteDir);
        }

        assertThat(retrying.state()).isEqualTo(StepState.RUNNING);
        assertThat(retrying.detail()).contains("does not answer").contains("trying again at");
        PushView done = finished(id);
        assertThat(done.state()).as(done.detail()).isEqualTo(PushState.DONE);
        assertThat(picks.get(a.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(remote.branch(train.branch())).as("published once the remote answered again")
            .hasValue(ObjectId.fromString(picks.get(a.id()).pickedCommit()));
    }

    @Test
    void anOlderTrainIsNeverPushedOnceANewerOneIsCutSoTheFleetNeverGoesBackwards() {
        TrainView older = trains.cut(base.name(), "re", true);
        TrainView newer = trains.cut(editC.name(), "re", true);
        PushView newerRelease = finished(pushes.start(newer.id(), PushKind.RELEASE, "re").id());
        assertThat(newerRelease.state()).as(newerRelease.detail()).isEqualTo(PushState.DONE);

        assertThatThrownBy(() -> pushes.start(older.id(), PushKind.RELEASE, "re"))
            .isInstanceOf(TrainException.Refused.class)
            .hasMessage(older.branch() + " is closed: a newer train was cut");
    }

    private StepView step(long push, String name) {
        return pushes.get(push).steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aCutWhileAPushRunsIsRefusedNamingThePushAndAPushLeftWithNothingToShipBuildsNothing() {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView a = picks.request(new PickRequest(editA.name(), "needed", null, "alice")).pick();
        picks.approve(a.id(), "re", null);
        long id = pushes.start(train.id(), PushKind.PICKS, "re").id();
        await().atMost(Duration.ofSeconds(30)).until(() -> pushes.get(id).steps().stream()
            .anyMatch(s -> s.name().equals("presence") && s.state() == StepState.RUNNING));

        assertThatThrownBy(() -> trains.cut(editC.name(), "re", true)).isInstanceOf(TrainException.Refused.class)
            .hasMessageContaining("push " + id + " is running");
        assertThat(trains.current()).hasValueSatisfying(t -> assertThat(t.id()).isEqualTo(train.id()));

        PushView done = finished(id);
        assertThat(done.state()).as(done.detail()).isEqualTo(PushState.DONE);
        assertThat(done.detail()).startsWith("nothing to ship");
        assertThat(done.artifact()).isNull();
        assertThat(done.steps()).filteredOn(s -> List.of("merge", "test", "perf", "build", "land", "distribute")
            .contains(s.name())).extracting(StepView::state).containsOnly(StepState.SKIPPED);
        assertThat(picks.get(a.id()).state()).isEqualTo(PickState.DEFERRED);
        assertThat(trains.cut(editC.name(), "re", true).cutCommit()).as("the cut goes ahead once the push ended")
            .isEqualTo(editC.name());
    }

    @Test
    void aPushWithNothingApprovedEndsAtOnceWithoutBuildingOrDistributing() {
        TrainView train = trains.cut(base.name(), "re", true);

        PushView done = finished(pushes.start(train.id(), PushKind.PICKS, "re").id());

        assertThat(done.state()).isEqualTo(PushState.DONE);
        assertThat(done.detail()).isEqualTo("nothing to ship: no approved picks; nothing was built or rolled out");
        assertThat(done.artifact()).isNull();
        assertThat(done.steps()).filteredOn(s -> !s.name().equals("select")).extracting(StepView::state)
            .containsOnly(StepState.SKIPPED);
    }

    @Test
    void aRunningTestShardHoldsAShortLeaseThatItsNodeRenews() {
        TrainView train = trains.cut(base.name(), "re", true);
        confirmedPick(editA, "alice");
        long id = pushes.start(train.id(), PushKind.PICKS, "re").id();

        Instant first = await().atMost(Duration.ofSeconds(30)).until(() -> runningLease(id), lease -> lease != null);
        assertThat(Duration.between(Instant.now(), first)).as("not twice the 30 minute test timeout")
            .isLessThan(Duration.ofSeconds(10));
        Instant renewed = await().atMost(Duration.ofSeconds(5)).until(() -> runningLease(id),
                lease -> lease != null && lease.isAfter(first));
        assertThat(renewed).isAfter(first);
        finished(id);
    }

    private Instant runningLease(long push) {
        List<Timestamp> leases = jdbc.queryForList(
                "SELECT lease_until FROM train_test_run WHERE push_id = ? AND state = 'RUNNING'", Timestamp.class, push);
        return leases.isEmpty() ? null : leases.get(0).toInstant();
    }

    private PickView confirmedPick(ObjectId commit, String requester) {
        PickView pick = picks.request(new PickRequest(commit.name(), "failure drill", null, requester)).pick();
        picks.approve(pick.id(), "re", null);
        return picks.confirm(pick.id(), requester);
    }

    private PushView finished(long id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(id), p -> p.state() != PushState.RUNNING);
    }
}
