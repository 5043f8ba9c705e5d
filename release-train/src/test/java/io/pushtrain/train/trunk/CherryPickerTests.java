package io.pushtrain.train.trunk;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.pushtrain.train.trunk.CommitWriter.texts;
import static org.assertj.core.api.Assertions.assertThat;

class CherryPickerTests {

    static final PersonIdent TRAIN = new PersonIdent("pushtrain train", "train@pushtrain.invalid",
            Instant.ofEpochSecond(1_715_600_000L), ZoneOffset.UTC);

    Repository repository;
    CommitWriter writer;
    CherryPicker picker;
    ObjectId base;
    ObjectId release;

    @BeforeEach
    void trunkAndReleaseBranch() {
        repository = new InMemoryRepository(new DfsRepositoryDescription("trunk"));
        writer = new CommitWriter(repository);
        picker = new CherryPicker(repository, () -> TRAIN);
        base = writer.commit(texts("a.txt", CherryPickOracleTests.lines(1, 10), "b.txt", "b\n"), "base");
        release = writer.commit(texts("a.txt", CherryPickOracleTests.lines(1, 10), "b.txt", "b\n", "r.txt", "r\n"),
                "release only", base);
        writer.branch("release", release);
    }

    ObjectId trunkEdit(ObjectId parent, String from, String to, String message) {
        return writer.commit(texts("a.txt", CherryPickOracleTests.lines(1, 10).replace(from, to), "b.txt", "b\n"),
                message, parent);
    }

    @Test
    void pickedCommitKeepsItsAuthorAndTheTrainIsTheCommitter() throws IOException {
        PersonIdent grace = CommitWriter.ident("Grace Liu", "grace@example.com", 1_700_000_123L);
        ObjectId pick = writer.commit(texts("a.txt", "changed\n", "b.txt", "b\n"), "Change a", grace, base);

        BatchResult result = picker.compute(release, List.of(Pick.of(pick)));

        RevCommit made = parse(result.newHead());
        assertThat(made.getAuthorIdent()).isEqualTo(grace);
        assertThat(made.getAuthorIdent().getWhenAsInstant()).isEqualTo(grace.getWhenAsInstant());
        assertThat(made.getCommitterIdent()).isEqualTo(TRAIN);
        assertThat(made.getParent(0)).isEqualTo(release);
        assertThat(made.getFullMessage()).isEqualTo("Change a\n\n(cherry picked from commit " + pick.name() + ")\n");
    }

    @Test
    void picksLandInOrderEachOnTopOfThePrevious() throws IOException {
        ObjectId first = trunkEdit(base, "line 2", "first", "first");
        ObjectId second = writer.commit(texts("a.txt", CherryPickOracleTests.lines(1, 10).replace("line 2", "first")
                .replace("line 8", "second"), "b.txt", "b\n"), "second", first);

        BatchResult result = picker.compute(release, List.of(Pick.of(first), Pick.of(second)));

        assertThat(result.outcomes()).extracting(PickOutcome::status).containsExactly(PickStatus.PICKED,
                PickStatus.PICKED);
        assertThat(parse(result.newHead()).getParent(0)).isEqualTo(result.outcomes().get(0).commit());
        assertThat(result.oldHead()).isEqualTo(release);
    }

    @Test
    void conflictingPickIsReportedWithItsPathsAndTheRestShip() {
        ObjectId earlier = trunkEdit(base, "line 5", "earlier", "earlier");
        ObjectId later = trunkEdit(earlier, "line 5", "later", "later");
        ObjectId unrelated = writer.commit(texts("a.txt", CherryPickOracleTests.lines(1, 10), "b.txt", "b2\n"),
                "unrelated", base);

        BatchResult result = picker.compute(release, List.of(Pick.of(later), Pick.of(unrelated)));

        assertThat(result.outcomes()).extracting(PickOutcome::status).containsExactly(PickStatus.CONFLICT,
                PickStatus.PICKED);
        assertThat(result.outcomes().get(0).conflictingPaths()).containsExactly("a.txt");
        assertThat(result.outcomes().get(0).commit()).isNull();
        assertThat(result.landed()).hasSize(1);
    }

    @Test
    void pickTheBranchAlreadyHoldsIsEmptyAndMakesNoCommit() {
        ObjectId pick = trunkEdit(base, "line 1", "x", "x");
        ObjectId once = picker.compute(release, List.of(Pick.of(pick))).newHead();

        BatchResult again = picker.compute(once, List.of(Pick.of(pick)));

        assertThat(again.outcomes().get(0).status()).isEqualTo(PickStatus.EMPTY);
        assertThat(again.newHead()).isEqualTo(once);
    }

    @Test
    void mergeCommitWithoutMainlineIsRefusedAndWithMainlineIsPicked() {
        ObjectId left = trunkEdit(base, "line 2", "left", "left");
        ObjectId right = trunkEdit(base, "line 9", "right", "right");
        ObjectId merge = writer.commit(texts("a.txt", CherryPickOracleTests.lines(1, 10).replace("line 2", "left")
                .replace("line 9", "right"), "b.txt", "b\n"), "Merge right", left, right);

        BatchResult refused = picker.compute(release, List.of(Pick.of(merge), new Pick(merge, 3)));
        BatchResult picked = picker.compute(release, List.of(Pick.ofMerge(merge, 1)));

        assertThat(refused.outcomes()).extracting(PickOutcome::status).containsExactly(PickStatus.NEEDS_MAINLINE,
                PickStatus.BAD_MAINLINE);
        assertThat(refused.newHead()).isEqualTo(release);
        assertThat(picked.outcomes().get(0).status()).as(picked.outcomes().get(0).message()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void unknownCommitIsReportedNotThrown() {
        ObjectId missing = ObjectId.fromString("0123456789012345678901234567890123456789");

        BatchResult result = picker.compute(release, List.of(Pick.of(missing)));

        assertThat(result.outcomes().get(0).status()).isEqualTo(PickStatus.UNKNOWN_COMMIT);
    }

    @Test
    void computeLeavesTheBranchWherePickOntoMovesIt() throws IOException {
        ObjectId pick = trunkEdit(base, "line 3", "three", "three");

        BatchResult computed = picker.compute(release, List.of(Pick.of(pick)));
        assertThat(computed.branchMove()).isEqualTo(BranchMove.NOT_REQUESTED);
        assertThat(repository.exactRef("refs/heads/release").getObjectId()).isEqualTo(release);

        BatchResult moved = picker.pickOnto("release", List.of(Pick.of(pick)));
        assertThat(moved.branchMove()).isEqualTo(BranchMove.MOVED);
        assertThat(repository.exactRef("refs/heads/release").getObjectId()).isEqualTo(moved.newHead());
    }

    @Test
    void branchMovedWhileTheBatchRanFailsTheBatchAndKeepsTheOtherWrite() throws IOException {
        ObjectId pick = trunkEdit(base, "line 3", "three", "three");
        ObjectId otherWrite = writer.commit(texts("a.txt", "someone else\n"), "hotfix", release);
        AtomicBoolean raced = new AtomicBoolean();
        // The committer is asked for while the batch runs: the moment to race it.
        CherryPicker racing = new CherryPicker(repository, () -> {
            if (raced.compareAndSet(false, true)) {
                writer.branch("release", otherWrite);
            }
            return TRAIN;
        });

        BatchResult result = racing.pickOnto("release", List.of(Pick.of(pick)));

        assertThat(result.branchMove()).isEqualTo(BranchMove.CONCURRENT_UPDATE);
        assertThat(result.branchMove().succeeded()).isFalse();
        assertThat(repository.exactRef("refs/heads/release").getObjectId()).isEqualTo(otherWrite);
    }

    @Test
    void moveBranchNamesTheExpectedOldIdAndRefusesAStaleOne() throws IOException {
        ObjectId pick = trunkEdit(base, "line 3", "three", "three");
        ObjectId newHead = picker.compute(release, List.of(Pick.of(pick))).newHead();

        assertThat(picker.moveBranch("release", base, newHead)).isEqualTo(BranchMove.CONCURRENT_UPDATE);
        assertThat(picker.moveBranch("release", release, newHead)).isEqualTo(BranchMove.MOVED);
        assertThat(repository.exactRef("refs/heads/release").getObjectId()).isEqualTo(newHead);
    }

    @Test
    void batchWhereNothingLandsLeavesTheBranchUnchanged() throws IOException {
        BatchResult result = picker.pickOnto("release", List.of());

        assertThat(result.branchMove()).isEqualTo(BranchMove.UNCHANGED);
        assertThat(repository.exactRef("refs/heads/release").getObjectId()).isEqualTo(release);
    }

    private RevCommit parse(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.parseCommit(id);
        }
    }
}
