package io.pushtrain.train.trunk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTrunkTests {

    @TempDir
    Path temp;

    @Test
    void sameSeedGivesTheSameTrunkAndAnotherSeedAnotherOne() {
        DemoTrunk.History first = DemoTrunk.create(temp.resolve("one.git"), 42);
        DemoTrunk.History again = DemoTrunk.create(temp.resolve("two.git"), 42);
        DemoTrunk.History other = DemoTrunk.create(temp.resolve("three.git"), 43);

        assertThat(again.main()).isEqualTo(first.main());
        assertThat(other.main()).isNotEqualTo(first.main());
    }

    @Test
    void trunkLooksLikeAReal300CommitHistory() throws IOException {
        DemoTrunk.History history = DemoTrunk.create(temp.resolve("trunk.git"), 7);

        try (Repository repository = open("trunk.git"); RevWalk walk = new RevWalk(repository)) {
            assertThat(repository.isBare()).isTrue();
            assertThat(repository.exactRef("refs/heads/main").getObjectId()).isEqualTo(history.main());
            assertThat(repository.exactRef(Constants.HEAD).getTarget().getName()).isEqualTo("refs/heads/main");
            walk.markStart(walk.parseCommit(history.main()));
            Set<String> authors = new HashSet<>();
            int commits = 0;
            for (RevCommit commit : walk) {
                authors.add(commit.getAuthorIdent().getEmailAddress());
                commits++;
            }
            assertThat(commits).isEqualTo(DemoTrunk.DEFAULT_COMMITS);
            assertThat(authors).hasSize(8);
            assertThat(files(repository, history.main())).isBetween(140, 200);
        }
    }

    @Test
    void overlappingCommitsConflictWhenPickedOutOfOrderAndPickCleanlyInOrder() throws IOException {
        DemoTrunk.History history = DemoTrunk.create(temp.resolve("trunk.git"), 7);
        assertThat(history.overlaps()).hasSizeGreaterThanOrEqualTo(5);

        try (Repository repository = open("trunk.git"); RevWalk walk = new RevWalk(repository)) {
            CherryPicker picker = CherryPicker.forTrain(repository);
            for (DemoTrunk.Overlap overlap : history.overlaps()) {
                // The release was cut just before the earlier commit.
                ObjectId cut = walk.parseCommit(overlap.earlier()).getParent(0);
                BatchResult alone = picker.compute(cut, List.of(Pick.of(overlap.later())));
                BatchResult inOrder = picker.compute(cut, List.of(Pick.of(overlap.earlier()), Pick.of(overlap.later())));

                assertThat(alone.outcomes().get(0).status()).isEqualTo(PickStatus.CONFLICT);
                assertThat(alone.outcomes().get(0).conflictingPaths()).containsExactly(overlap.path());
                assertThat(inOrder.outcomes()).extracting(PickOutcome::status)
                        .containsExactly(PickStatus.PICKED, PickStatus.PICKED);
            }
        }
    }

    private Repository open(String name) throws IOException {
        return new FileRepositoryBuilder().setGitDir(temp.resolve(name).toFile()).setBare().build();
    }

    private static int files(Repository repository, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            int count = 0;
            while (tree.next()) {
                count++;
            }
            return count;
        }
    }
}
