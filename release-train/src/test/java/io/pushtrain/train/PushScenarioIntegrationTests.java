package io.pushtrain.train;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.pushtrain.karma.Karma;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.trunk.TrunkMirror;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The release train end to end through its services: cut, requests of every kind, presence,
 * the in-memory merge with a conflict, the build, and where each revision ended up.
 */
@SpringBootTest(properties = { "pushtrain.push.presence-window=4s", "pushtrain.push.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class PushScenarioIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId editA;
    static ObjectId firstB;
    static ObjectId secondB;
    static ObjectId editC;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("push-scenario");
        base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\na2\na3\n", "b.txt", "b1\nb2\nb3\n",
                "c.txt", "c1\n"));
        editA = remote.commit("alice", "Fix the login page", Map.of("a.txt", "a1\nA2 fixed\na3\n"));
        firstB = remote.commit("bob", "Rename the button", Map.of("b.txt", "B1 renamed\nb2\nb3\n"));
        secondB = remote.commit("bob", "Colour the renamed button", Map.of("b.txt", "B1 renamed, blue\nb2\nb3\n"));
        editC = remote.commit("carol", "Tune the cache", Map.of("c.txt", "c1 tuned\n"));
        remote.serveTo(registry);
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
    Revisions revisions;

    @Autowired
    Karma karma;

    @Autowired
    TrunkMirror trunk;

    @Test
    void confirmedPicksShipTheConflictingOneIsReportedAndTheAbsentOneIsDeferred() throws Exception {
        TrainView train = trains.cut(base.name(), "re", true);
        assertThat(train.branch()).startsWith("release/");
        assertThat(trunk.head(TrunkMirror.LATEST)).contains(base);

        PickView a = request(editA, "alice");
        PickView b = request(secondB, "bob");
        PickView c = request(editC, "carol");
        assertThat(a.filesChanged()).isEqualTo(1);
        assertThat(a.linesChanged()).isEqualTo(2);
        assertThat(picks.request(new PickRequest(editA.name().substring(0, 8), "again", null, "alice")).duplicate())
            .isTrue();
        assertThatThrownBy(() -> request(ObjectId.fromString("1234567890123456789012345678901234567890"), "alice"))
            .isInstanceOf(TrainException.Unknown.class).hasMessageContaining("unknown revision");
        assertThatThrownBy(() -> request(base, "alice"))
            .isInstanceOf(TrainException.Refused.class).hasMessageContaining("already on " + train.branch());

        for (PickView pick : new PickView[] { a, b, c }) {
            picks.approve(pick.id(), "re", null);
        }
        picks.confirm(a.id(), "alice");
        picks.confirm(b.id(), "bob");
        assertThatThrownBy(() -> picks.confirm(c.id(), "alice")).isInstanceOf(TrainException.NotAllowed.class);

        PushView started = pushes.start(null, PushKind.PICKS, "re");
        PushView push = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(started.id()), p -> p.state() != PushState.RUNNING);

        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        assertThat(push.steps()).extracting(StepView::name)
            .containsExactly("select", "presence", "merge", "test", "perf", "build", "land", "distribute", "done");
        assertThat(push.progress()).isEqualTo(100);
        assertThat(picks.get(a.id()).state()).isEqualTo(PickState.SHIPPED);
        assertThat(picks.get(b.id()).state()).isEqualTo(PickState.CONFLICT);
        assertThat(picks.get(b.id()).conflictingPaths()).containsExactly("b.txt");
        assertThat(picks.get(c.id()).state()).isEqualTo(PickState.DEFERRED);
        assertThat(push.artifact()).isNotNull();
        assertThat(Path.of(push.artifact().path())).exists();

        RevCommit head = commit(trunk.head(train.branch()).orElseThrow());
        assertThat(head.getName()).isEqualTo(push.headCommit()).isEqualTo(picks.get(a.id()).pickedCommit());
        assertThat(head.getParent(0)).isEqualTo(base);
        assertThat(remote.branch(train.branch())).as("the branch pushed back to trunk's remote").contains(head);
        assertThat(remote.branch(TrunkMirror.LATEST)).contains(head);
        assertThat(head.getAuthorIdent().getName()).isEqualTo("alice");
        assertThat(head.getFullMessage()).isEqualTo("Fix the login page\n\n(cherry picked from commit " + editA.name() + ")\n");
        assertThat(fileAt(head, "a.txt")).isEqualTo("a1\nA2 fixed\na3\n");
        assertThat(fileAt(head, "b.txt")).isEqualTo("b1\nb2\nb3\n");

        RevisionView shipped = revisions.where(editA.name());
        assertThat(shipped.onTrunk()).isTrue();
        assertThat(shipped.trains()).filteredOn(t -> t.branch().equals(train.branch())).singleElement()
            .satisfies(t -> assertThat(t.how()).isEqualTo("picked"));
        assertThat(shipped.picks()).singleElement().satisfies(p -> assertThat(p.state()).isEqualTo(PickState.SHIPPED));
        assertThat(revisions.where(base.name()).trains()).extracting(RevisionView.TrainPresence::how)
            .contains("in trunk at the cut");
        assertThat(revisions.where(secondB.name()).trains()).noneMatch(t -> t.branch().equals(train.branch()));
        assertThatThrownBy(() -> request(head, "alice")).isInstanceOf(TrainException.Invalid.class)
            .hasMessageContaining("is not on trunk (main)");
    }

    @Test
    void theWeeklyReleasePushShipsTheTrainAsCut() {
        TrainView train = trains.cut(editC.name(), "re", true);

        long id = pushes.start(train.id(), PushKind.RELEASE, "schedule").id();
        PushView push = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(id), p -> p.state() != PushState.RUNNING);

        assertThat(push.state()).as(push.detail()).isEqualTo(PushState.DONE);
        assertThat(push.steps()).extracting(StepView::name, StepView::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("build", StepState.DONE),
                org.assertj.core.groups.Tuple.tuple("distribute", StepState.DONE),
                org.assertj.core.groups.Tuple.tuple("ship", StepState.DONE));
        assertThat(push.picks()).isEmpty();
        assertThat(trains.get(train.id()).state()).isEqualTo(TrainState.SHIPPED);
        assertThat(trunk.head(train.branch())).contains(editC);
    }

    @Test
    void aRequesterAtTwoStarsIsRefusedUntilTheReleaseEngineerRestoresKarma() {
        trains.cut(base.name(), "re", true);
        for (int i = 0; i < 3; i++) {
            karma.unlike("zed", "re", "shipped a broken pick on Friday");
        }

        PickView refused = request(firstB, "zed");
        assertThat(refused.state()).isEqualTo(PickState.REFUSED_KARMA);
        assertThat(refused.detail()).contains("zed has 2 stars").contains("talk to");

        karma.like("zed", "re", "fixed it over the weekend");
        PickView accepted = request(firstB, "zed");
        assertThat(accepted.state()).isEqualTo(PickState.REQUESTED);
        assertThat(accepted.id()).isNotEqualTo(refused.id());
        assertThat(accepted.risk()).isIn("LOW", "MEDIUM", "HIGH");
        assertThat(accepted.riskReason()).isNotBlank();
    }

    private PickView request(ObjectId commit, String requester) {
        return picks.request(new PickRequest(commit.name(), "needed for the launch", null, requester)).pick();
    }

    private RevCommit commit(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(trunk.repository())) {
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return commit;
        }
    }

    private String fileAt(RevCommit commit, String path) throws IOException {
        try (TreeWalk walk = TreeWalk.forPath(trunk.repository(), path, commit.getTree())) {
            return new String(trunk.repository().open(walk.getObjectId(0)).getBytes());
        }
    }
}
