package io.pushtrain.train.trunk;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

import static io.pushtrain.train.trunk.CommitWriter.texts;
import static org.assertj.core.api.Assertions.assertThat;

class TrunkAnalysisTests {

    final InMemoryRepository repository = new InMemoryRepository(new DfsRepositoryDescription("trunk"));
    final CommitWriter writer = new CommitWriter(repository);
    final TrunkAnalysis analysis = new TrunkAnalysis(repository);
    final String ten = CherryPickOracleTests.lines(1, 10);

    @Test
    void sizeCountsFilesAndLinesAgainstTheFirstParent() {
        ObjectId base = writer.commit(texts("a.txt", ten, "b.txt", "b\n"), "base");
        ObjectId change = writer.commit(texts("a.txt", ten.replace("line 2", "two").replace("line 3\n", ""),
                "b.txt", "b\n", "c.txt", "c1\nc2\n"), "change", base);

        assertThat(analysis.size(change)).isEqualTo(new ChangeSize(2, 3, 2));
        assertThat(analysis.size(change).lines()).isEqualTo(5);
    }

    @Test
    void renameCountsAsOneSmallChangeNotADeleteAndAnAdd() {
        ObjectId base = writer.commit(texts("a.txt", ten), "base");
        ObjectId moved = writer.commit(texts("src/a.txt", ten.replace("line 10", "ten")), "move", base);

        assertThat(analysis.size(moved)).isEqualTo(new ChangeSize(1, 1, 1));
    }

    @Test
    void rootCommitIsMeasuredAgainstNothing() {
        ObjectId root = writer.commit(texts("a.txt", ten), "root");

        assertThat(analysis.size(root)).isEqualTo(new ChangeSize(1, 10, 0));
    }

    @Test
    void commitIsOnABranchWhenTheBranchReachesIt() {
        ObjectId base = writer.commit(texts("a.txt", ten), "base");
        ObjectId trunkOnly = writer.commit(texts("a.txt", "x\n"), "trunk", base);
        writer.branch("release", base);
        writer.branch("main", trunkOnly);

        assertThat(analysis.isOnBranch(base, "release")).isTrue();
        assertThat(analysis.isOnBranch(trunkOnly, "release")).isFalse();
        assertThat(analysis.isOnBranch(base, "refs/heads/main")).isTrue();
    }
}
