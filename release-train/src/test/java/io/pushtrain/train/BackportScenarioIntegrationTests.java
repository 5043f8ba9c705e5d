package io.pushtrain.train;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pushtrain.testsupport.DeveloperClone;
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
 * A pick that conflicts, resolved by its requester with the real git program and handed back
 * as a backport, lands in the next push on top of a branch that moved meanwhile, and ships.
 */
@SpringBootTest(properties = { "pushtrain.push.presence-window=4s", "pushtrain.push.tick=200ms",
        "pushtrain.schedule.enabled=false", "pushtrain.build.command=tar czf ../app.tar.gz . && echo ../app.tar.gz" })
class BackportScenarioIntegrationTests {

    static TestTrunk remote;
    static ObjectId base;
    static ObjectId firstB;
    static ObjectId secondB;
    static ObjectId editC;

    @DynamicPropertySource
    static void trunk(DynamicPropertyRegistry registry) throws IOException {
        remote = TestTrunk.inTempFolder("backport-scenario");
        base = remote.commit("ann", "Start the app", Map.of("b.txt", "b1\nb2\nb3\n", "c.txt", "c1\n"));
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
    TrunkMirror trunk;

    @Test
    void aConflictingPickShipsThroughItsRequestersBackport() throws Exception {
        TrainView train = trains.cut(base.name(), "re", true);
        PickView cache = request(editC, "carol");
        PickView colour = request(secondB, "bob");
        for (PickView pick : new PickView[] { cache, colour }) {
            picks.approve(pick.id(), "re", null);
        }
        picks.confirm(cache.id(), "carol");
        picks.confirm(colour.id(), "bob");
        assertThat(push().state()).isEqualTo(PushState.DONE);
        PickView conflicted = picks.get(colour.id());
        assertThat(conflicted.state()).isEqualTo(PickState.CONFLICT);
        assertThat(conflicted.needsBackport()).isTrue();
        assertThat(conflicted.conflictingPaths()).containsExactly("b.txt");
        ObjectId moved = trunk.head(train.branch()).orElseThrow();
        assertThat(moved).as("carol's pick landed: the branch is past the cut").isNotEqualTo(base);

        // bob resolves it on top of the cut (the branch moved on since) the way git tells him to.
        DeveloperClone bob = DeveloperClone.of(remote, "bob");
        bob.ok("switch", "--quiet", "-c", "backport", base.name());
        assertThat(bob.run("cherry-pick", "-x", secondB.name()).exit()).as("git agrees it conflicts").isNotZero();
        bob.write("b.txt", "b1, blue\nb2\nb3\n");
        bob.ok("add", "b.txt");
        bob.ok("cherry-pick", "--continue");
        ObjectId backport = ObjectId.fromString(bob.ok("rev-parse", "HEAD"));
        assertThatThrownBy(() -> picks.backport(colour.id(), backport.name(), "bob", false))
            .as("not on the remote yet").isInstanceOf(TrainException.Unknown.class)
            .hasMessageContaining("no branch of trunk's remote holds it");
        bob.ok("push", "--quiet", "origin", "HEAD:refs/heads/backport/bob");

        PickView queued = picks.backport(colour.id(), backport.name().substring(0, 12), "bob", false);
        assertThat(queued.state()).isEqualTo(PickState.APPROVED);
        assertThat(queued.needsBackport()).isFalse();
        assertThat(queued.backport()).isEqualTo(backport.name());
        assertThat(queued.backportBy()).isEqualTo("bob");
        picks.confirm(colour.id(), "bob");
        PushView second = push();

        assertThat(second.state()).as(second.detail()).isEqualTo(PushState.DONE);
        PickView shipped = picks.get(colour.id());
        assertThat(shipped.state()).isEqualTo(PickState.SHIPPED);
        RevCommit head = commit(trunk.head(train.branch()).orElseThrow());
        assertThat(head.getName()).isEqualTo(shipped.pickedCommit());
        assertThat(head.getParent(0)).as("applied onto the moved branch, not onto its own parent").isEqualTo(moved);
        assertThat(head.getAuthorIdent().getName()).isEqualTo("bob");
        assertThat(occurrences(head.getFullMessage(), "(cherry picked from commit " + secondB.name() + ")"))
            .as(head.getFullMessage()).isEqualTo(1);
        assertThat(head.getFullMessage()).startsWith("Colour the renamed button\n");
        assertThat(fileAt(head, "b.txt")).isEqualTo("b1, blue\nb2\nb3\n");
        assertThat(fileAt(head, "c.txt")).isEqualTo("c1 tuned\n");
        assertThat(remote.branch(train.branch())).contains(head);

        // The oracle: git cherry-picking the backport onto the moved branch makes the same tree.
        bob.ok("fetch", "--quiet", "origin");
        bob.ok("switch", "--quiet", "--detach", moved.name());
        bob.ok("cherry-pick", backport.name());
        assertThat(bob.ok("rev-parse", "HEAD^{tree}")).isEqualTo(head.getTree().name());
    }

    private PushView push() {
        PushView started = pushes.start(null, PushKind.PICKS, "re");
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .until(() -> pushes.get(started.id()), p -> p.state() != PushState.RUNNING);
    }

    private PickView request(ObjectId commit, String requester) {
        return picks.request(new PickRequest(commit.name(), "needed for the launch", null, requester)).pick();
    }

    private static int occurrences(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
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
