package io.pushtrain.train.push;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.pushtrain.train.PushFinished;
import io.pushtrain.train.PushState;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.trunk.PushRefs;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two nodes of a cluster, each with its own trunk mirror on one remote: node A cuts and merges,
 * node B runs the next step. What B needs must reach it through the remote, or be computed again.
 */
class CandidatesOnTwoNodesTests {

    @TempDir
    Path dir;

    GitPushFixture push;
    TrunkMirror nodeB;
    ObjectId fix;

    @BeforeEach
    void cutAndPick() {
        push = new GitPushFixture(dir);
        fix = push.trunkCommit("bob", "Fix a", Map.of("a.txt", "a2\n"));
        push.cut("true");
        push.confirmedPick(fix, "bob");
        nodeB = push.otherNode("node-b");
    }

    @AfterEach
    void close() {
        nodeB.close();
        push.close();
    }

    @Test
    void aNodeThatDidNotCutTheTrainBringsItsBranchFromTheRemoteBeforeAStep() {
        assertThat(nodeB.head(GitPushFixture.BRANCH)).isEmpty();

        candidates(nodeB).catchUp(push.run());

        assertThat(nodeB.head(GitPushFixture.BRANCH)).contains(push.base());
    }

    @Test
    void theCandidateOneNodeMergedIsFetchedByTheOther() {
        push.merge();
        ObjectId head = push.picks().head(1).orElseThrow();
        candidates(push.trunk()).publish(push.run());
        assertThat(remoteRefs()).contains("refs/pushtrain/pushes/1/" + head.name());
        assertThat(nodeB.has(head)).isFalse();

        candidates(nodeB).catchUp(push.run());

        assertThat(nodeB.has(head)).isTrue();
        assertThat(push.batchesComputed).hasValue(1);
    }

    @Test
    void aCandidateItsNodeDiedBeforePublishingIsComputedAgainWithTheSameIdAndPublished() {
        push.merge();
        ObjectId head = push.picks().head(1).orElseThrow();
        assertThat(remoteRefs()).noneMatch(ref -> ref.startsWith("refs/pushtrain/"));

        candidates(nodeB).catchUp(push.run());

        assertThat(nodeB.has(head)).isTrue();
        assertThat(remoteRefs()).contains("refs/pushtrain/pushes/1/" + head.name());
    }

    @Test
    void anEndedPushLeavesNoRefsBehindOnTheRemoteOrTheNode() throws Exception {
        push.merge();
        candidates(push.trunk()).publish(push.run());

        candidates(push.trunk()).dropRefs(new PushFinished(1, PushState.DONE, 1, 0, 0, 0, "all steps done"));

        assertThat(remoteRefs()).noneMatch(ref -> ref.startsWith("refs/pushtrain/"));
        assertThat(push.trunk().repository().getRefDatabase().getRefsByPrefix("refs/pushtrain/")).isEmpty();
    }

    @Test
    void aBranchHereBehindTheRemotesIsMovedOnAndOneAheadStays() {
        candidates(nodeB).catchUp(push.run());
        push.merge();
        ObjectId head = push.picks().head(1).orElseThrow();
        assertThat(push.trunk().moveBranch(GitPushFixture.BRANCH, push.base(), head)).isTrue();

        push.trunk().catchUp(GitPushFixture.BRANCH);
        assertThat(push.trunk().head(GitPushFixture.BRANCH)).as("landed here, not published yet").contains(head);

        push.trunk().publish(GitPushFixture.BRANCH);
        nodeB.catchUp(GitPushFixture.BRANCH);
        assertThat(nodeB.head(GitPushFixture.BRANCH)).contains(head);
    }

    @Test
    void publishingABranchTheRemoteMovedMeanwhileIsRefusedNotIgnored() {
        candidates(nodeB).catchUp(push.run());
        push.merge();
        ObjectId head = push.picks().head(1).orElseThrow();
        candidates(push.trunk()).publish(push.run());
        nodeB.catchUp(GitPushFixture.BRANCH);
        new PushRefs(nodeB).fetch(1, List.of(head));
        assertThat(nodeB.moveBranch(GitPushFixture.BRANCH, push.base(), head)).isTrue();
        nodeB.publish(GitPushFixture.BRANCH);
        ObjectId other = push.trunkCommit("eve", "Other", Map.of("c.txt", "c2\n"));
        push.trunk().fetch();
        assertThat(push.trunk().moveBranch(GitPushFixture.BRANCH, push.base(), other)).isTrue();

        assertThatThrownBy(() -> push.trunk().publish(GitPushFixture.BRANCH)).isInstanceOf(TrainException.class)
            .hasMessageContaining(GitPushFixture.BRANCH).hasMessageContaining("REJECTED");
    }

    private Candidates candidates(TrunkMirror node) {
        CandidatePicker picker = node == push.trunk() ? push.picker
                : (base, batch, at) -> new TrunkCandidatePicker(node).pick(base, batch, at);
        return new Candidates(push.ledger, push.picks(), picker, node, new PushRefs(node));
    }

    private List<String> remoteRefs() {
        try {
            return Git.lsRemoteRepository().setRemote(push.remote.url()).call().stream().map(Ref::getName).toList();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
