package io.pushtrain.train.trunk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pushtrain.train.trunk.CommitWriter.FileSpec;

import static io.pushtrain.train.trunk.CommitWriter.texts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code git cherry-pick -x} is the oracle: for every pick, pushtrain must make the
 * very same commit (same id: tree, parent, author, committer, message), or report the same
 * conflict on the same paths, or find the pick empty where git does.
 */
@Tag("slow")
class CherryPickOracleTests {

    @TempDir
    static Path temp;
    static GitProgram git;
    static Repository repository;
    static CommitWriter writer;
    static CherryPicker picker;

    /** What one side made of a pick. */
    record Verdict(PickStatus status, ObjectId commit, List<String> paths) {
    }

    @BeforeAll
    static void createRepository() throws IOException {
        Path worktree = Files.createDirectory(temp.resolve("work"));
        git = new GitProgram(worktree, Files.createDirectory(temp.resolve("home")));
        git.ok("init", "-q");
        repository = new FileRepositoryBuilder().setWorkTree(worktree.toFile()).build();
        writer = new CommitWriter(repository);
        // The same committer, to the second, as git gets from its environment: ids must match.
        PersonIdent train = new PersonIdent(GitProgram.COMMITTER_NAME, GitProgram.COMMITTER_EMAIL,
                Instant.ofEpochSecond(GitProgram.COMMITTER_TIME), ZoneOffset.UTC);
        picker = new CherryPicker(repository, () -> train);
    }

    @AfterAll
    static void close() {
        repository.close();
    }

    @Test
    void plainEditOnTopOfAnUnrelatedBranchChangeIsTheSameCommitAsGits() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10)), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10).replace("line 9", "branch 9")), "branch");
        ObjectId trunk = writer.commit(texts("a.txt", lines(1, 10), "b.txt", "b\n"), "trunk", base);
        ObjectId pick = writer.commit(texts("a.txt", lines(1, 10).replace("line 2", "pick 2"), "b.txt", "b\n"),
                "Edit line two\n\nWhy it matters.\n", trunk);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void editOfTheSameLineConflictsOnThatPathLikeGit() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "b.txt", "b\n"), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10).replace("line 5", "ours"), "b.txt", "b\n"), "b",
                base);
        ObjectId pick = writer.commit(texts("a.txt", lines(1, 10).replace("line 5", "theirs"), "b.txt", "c\n"),
                "theirs", base);
        Verdict verdict = pickedAsGitDoes(head, pick, 0);
        assertThat(verdict.status()).isEqualTo(PickStatus.CONFLICT);
        assertThat(verdict.paths()).containsExactly("a.txt");
    }

    @Test
    void renameWithEditInThePickIsTheSameCommitAsGits() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "c.txt", "c\n"), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10), "c.txt", "c changed\n"), "branch", base);
        ObjectId pick = writer.commit(texts("moved/here/a.txt", lines(1, 10).replace("line 3", "moved 3"),
                "c.txt", "c\n"), "Move a.txt", base);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void editOfAFileTheBranchHasUnderItsOldNameLandsThereLikeGit() {
        // Trunk renamed the file after the cut; the release branch still has it under the old name.
        ObjectId cut = writer.commit(texts("old/a.txt", lines(1, 10), "b.txt", "b\n"), "cut");
        ObjectId head = writer.commit(texts("old/a.txt", lines(1, 10), "b.txt", "b release\n"), "release", cut);
        ObjectId moved = writer.commit(texts("new/place/a.txt", lines(1, 10), "b.txt", "b\n"), "Move a", cut);
        ObjectId pick = writer.commit(texts("new/place/a.txt", lines(1, 10).replace("line 4", "fixed"), "b.txt",
                "b\n"), "Fix a", moved);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void editOfAFileTheBranchRenamedAndEditedMergesAtTheNewNameOrConflictsThereLikeGit() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "b.txt", "b\n"), "base");
        ObjectId head = writer.commit(texts("renamed.txt", lines(1, 10).replace("line 9", "branch"), "b.txt", "b\n"),
                "rename and edit on the branch", base);
        ObjectId apart = writer.commit(texts("a.txt", lines(1, 10).replace("line 2", "pick"), "b.txt", "b\n"),
                "edit far away", base);
        ObjectId same = writer.commit(texts("a.txt", lines(1, 10).replace("line 9", "pick"), "b.txt", "b\n"),
                "edit the same line", base);
        assertThat(pickedAsGitDoes(head, apart, 0).status()).isEqualTo(PickStatus.PICKED);
        assertThat(pickedAsGitDoes(head, same, 0).paths()).containsExactly("renamed.txt");
    }

    @Test
    void fileRenamedByThePickKeepsTheBranchsEditLikeGit() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "b.txt", "b\n"), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10).replace("line 9", "branch"), "b.txt", "b\n"),
                "edit on the branch", base);
        ObjectId renames = writer.commit(texts("lib/a.txt", lines(1, 10), "b.txt", "b\n"), "Move a", base);
        ObjectId renamesAndEdits = writer.commit(texts("lib/a.txt", lines(1, 10).replace("line 2", "pick"), "b.txt",
                "b\n"), "Move and fix a", base);
        ObjectId clashes = writer.commit(texts("lib/a.txt", lines(1, 10).replace("line 9", "pick"), "b.txt", "b\n"),
                "Move and change line 9", base);
        assertThat(pickedAsGitDoes(head, renames, 0).status()).isEqualTo(PickStatus.PICKED);
        assertThat(pickedAsGitDoes(head, renamesAndEdits, 0).status()).isEqualTo(PickStatus.PICKED);
        assertThat(pickedAsGitDoes(head, clashes, 0).paths()).containsExactly("lib/a.txt");
    }

    @Test
    void editFollowsTheFileWhereItsFolderWentEvenWhenAnotherCopyIsMoreAlikeLikeGit() {
        // Seen in containerd: internal/cri/server/ on trunk is pkg/cri/server/ on the release
        // branch, and pkg/cri/sbserver/ holds a near copy of the same test file. git's ort
        // follows the folder (its other files moved there unchanged), not the best score.
        String test = lines(1, 20);
        ObjectId cut = writer.commit(Map.of("pkg/x/a.txt", FileSpec.text("a\n"), "pkg/x/b.txt", FileSpec.text("b\n"),
                "pkg/x/s_test.txt", FileSpec.text(test.replace("line 15", "x").replace("line 17", "y")
                        .replace("line 19", "z")),
                "pkg/y/s_test.txt", FileSpec.text(test.replace("line 19", "near"))), "cut");
        ObjectId moved = writer.commit(texts("internal/x/a.txt", "a\n", "internal/x/b.txt", "b\n",
                "internal/x/s_test.txt", test), "Move x, drop y", cut);
        ObjectId pick = writer.commit(texts("internal/x/a.txt", "a\n", "internal/x/b.txt", "b\n",
                "internal/x/s_test.txt", test.replace("line 2\n", "fixed\n")), "Fix the test", moved);
        assertThat(pickedAsGitDoes(cut, pick, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void pickTheBranchAlreadyHoldsUnderTheOldNameIsEmptyLikeGit() {
        ObjectId cut = writer.commit(texts("old/a.txt", lines(1, 10)), "cut");
        ObjectId moved = writer.commit(texts("new/a.txt", lines(1, 10)), "Move a", cut);
        ObjectId pick = writer.commit(texts("new/a.txt", lines(1, 10).replace("line 4", "fixed")), "Fix a", moved);
        ObjectId head = writer.commit(texts("old/a.txt", lines(1, 10).replace("line 4", "fixed")), "backport", cut);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.EMPTY);
    }

    @Test
    void renameAgainstDeleteOrAnotherRenameConflictsOnGitsPaths() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "b.txt", "b\n"), "base");
        ObjectId renamedOnBranch = writer.commit(texts("r.txt", lines(1, 10), "b.txt", "b\n"), "branch", base);
        ObjectId deletedOnBranch = writer.commit(texts("b.txt", "b\n"), "branch deletes", base);
        ObjectId deletes = writer.commit(texts("b.txt", "b\n"), "Delete a", base);
        ObjectId renames = writer.commit(texts("p.txt", lines(1, 10), "b.txt", "b\n"), "Move a", base);
        ObjectId renamesAlike = writer.commit(texts("r.txt", lines(1, 10).replace("line 1", "x"), "b.txt", "b\n"),
                "Move a as the branch did", base);
        assertThat(pickedAsGitDoes(renamedOnBranch, deletes, 0).paths()).containsExactly("r.txt");
        assertThat(pickedAsGitDoes(renamedOnBranch, renames, 0).paths()).containsExactly("a.txt", "p.txt", "r.txt");
        assertThat(pickedAsGitDoes(deletedOnBranch, renames, 0).paths()).containsExactly("p.txt");
        assertThat(pickedAsGitDoes(renamedOnBranch, renamesAlike, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void newFileInAFolderTheOtherSideRenamedConflictsAtTheNewFolderLikeGit() {
        // git's default, merge.directoryRenames=conflict: it suggests the new folder and stops.
        ObjectId base = writer.commit(texts("d/a.txt", lines(1, 10), "d/b.txt", lines(11, 20), "top.txt", "t\n"),
                "base");
        ObjectId folderRenamedOnBranch = writer.commit(texts("e/a.txt", lines(1, 10), "e/b.txt", lines(11, 20),
                "top.txt", "t\n"), "branch moves d", base);
        ObjectId addsToBranch = writer.commit(texts("d/a.txt", lines(1, 10), "d/b.txt", lines(11, 20), "d/new.txt",
                "new\n", "top.txt", "t\n"), "branch adds to d", base);
        ObjectId adds = writer.commit(texts("d/a.txt", lines(1, 10), "d/b.txt", lines(11, 20), "d/sub/new.txt",
                "new\n", "top.txt", "t\n"), "Add to d", base);
        ObjectId addsNextToOld = writer.commit(texts("d/a.txt", lines(1, 10), "d/b.txt", lines(11, 20), "d/new.txt",
                "new\n", "top.txt", "t\n"), "Add next to a", base);
        ObjectId movesFolder = writer.commit(texts("lib/d/a.txt", lines(1, 10).replace("line 3", "x"), "lib/d/b.txt",
                lines(11, 20), "top.txt", "t\n"), "Move d", base);
        // Only the new file's own folder counts: a new subfolder inside the renamed one stays put.
        assertThat(pickedAsGitDoes(folderRenamedOnBranch, adds, 0).status()).isEqualTo(PickStatus.PICKED);
        assertThat(pickedAsGitDoes(folderRenamedOnBranch, addsNextToOld, 0).paths()).containsExactly("e/new.txt");
        assertThat(pickedAsGitDoes(addsToBranch, movesFolder, 0).paths()).containsExactly("lib/d/new.txt");
    }

    @Test
    void deletionIsTheSameCommitAsGitsAndDeletionOfAnEditedFileConflictsLikeGit() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "b.txt", lines(1, 5)), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10).replace("line 1", "x"), "b.txt", lines(1, 5)),
                "branch", base);
        ObjectId deletesB = writer.commit(texts("a.txt", lines(1, 10)), "Delete b", base);
        ObjectId deletesA = writer.commit(texts("b.txt", lines(1, 5)), "Delete a", base);
        assertThat(pickedAsGitDoes(head, deletesB, 0).status()).isEqualTo(PickStatus.PICKED);
        Verdict conflict = pickedAsGitDoes(head, deletesA, 0);
        assertThat(conflict.status()).isEqualTo(PickStatus.CONFLICT);
        assertThat(conflict.paths()).containsExactly("a.txt");
    }

    @Test
    void binaryChangeIsTheSameCommitAsGitsAndConflictsWhenBothChangedIt() {
        Map<String, FileSpec> base = files("logo.png", binary(1), "a.txt", "a\n");
        Map<String, FileSpec> branch = files("logo.png", binary(2), "a.txt", "a\n");
        ObjectId baseId = writer.commit(base, "base");
        ObjectId head = writer.commit(files("logo.png", binary(1), "a.txt", "a branch\n"), "branch", baseId);
        ObjectId pick = writer.commit(files("logo.png", binary(3), "a.txt", "a\n"), "New logo", baseId);
        ObjectId headWithOtherLogo = writer.commit(branch, "other logo", baseId);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.PICKED);
        Verdict conflict = pickedAsGitDoes(headWithOtherLogo, pick, 0);
        assertThat(conflict.status()).isEqualTo(PickStatus.CONFLICT);
        assertThat(conflict.paths()).containsExactly("logo.png");
    }

    @Test
    void executableBitFromThePickMergesWithAContentEditOnTheBranchLikeGit() {
        FileSpec script = FileSpec.text("#!/bin/sh\necho 1\necho 2\necho 3\necho 4\n");
        ObjectId base = writer.commit(Map.of("run.sh", script), "base");
        ObjectId head = writer.commit(Map.of("run.sh", FileSpec.text(script.text().replace("echo 4", "echo four"))),
                "branch", base);
        ObjectId pick = writer.commit(Map.of("run.sh", script.withMode(FileMode.EXECUTABLE_FILE)),
                "Make run.sh executable", base);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void newFilesInNewDirectoriesAreTheSameCommitAsGits() {
        ObjectId base = writer.commit(texts("a.txt", "a\n"), "base");
        ObjectId head = writer.commit(texts("a.txt", "a\n", "x/y.txt", "y\n"), "branch", base);
        ObjectId pick = writer.commit(texts("a.txt", "a\n", "deep/new/dir/file.txt", "new\n", "x/z.txt", "z\n"),
                "Add files", base);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.PICKED);
    }

    @Test
    void mergeCommitPickedAgainstEitherMainlineIsTheSameCommitAsGits() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10), "b.txt", lines(1, 10)), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10), "b.txt", lines(1, 10), "c.txt", "c\n"), "release",
                base);
        ObjectId trunk = writer.commit(texts("a.txt", lines(1, 10).replace("line 1", "trunk"), "b.txt",
                lines(1, 10)), "trunk", base);
        ObjectId feature = writer.commit(texts("a.txt", lines(1, 10), "b.txt", lines(1, 10).replace("line 9",
                "feature")), "feature", base);
        ObjectId merge = writer.commit(texts("a.txt", lines(1, 10).replace("line 1", "trunk"), "b.txt",
                lines(1, 10).replace("line 9", "feature")), "Merge feature into trunk\n", trunk, feature);
        assertThat(pickedAsGitDoes(head, merge, 1).status()).isEqualTo(PickStatus.PICKED);
        assertThat(pickedAsGitDoes(head, merge, 2).status()).isEqualTo(PickStatus.PICKED);
        assertThat(pushtrainVerdict(head, merge, 0).status()).isEqualTo(PickStatus.NEEDS_MAINLINE);
    }

    @Test
    void pickTheBranchAlreadyHoldsIsEmptyLikeGit() {
        ObjectId base = writer.commit(texts("a.txt", lines(1, 10)), "base");
        ObjectId head = writer.commit(texts("a.txt", lines(1, 10).replace("line 3", "same")), "branch", base);
        ObjectId pick = writer.commit(texts("a.txt", lines(1, 10).replace("line 3", "same")), "same change", base);
        assertThat(pickedAsGitDoes(head, pick, 0).status()).isEqualTo(PickStatus.EMPTY);
    }

    @Test
    void messagesWithTrailersCommentsAndStrayWhitespaceMatchGitByteForByte() {
        ObjectId base = writer.commit(texts("a.txt", "a\n"), "base");
        for (int i = 0; i < RandomHistories.MESSAGES.length; i++) {
            ObjectId pick = writer.commit(texts("a.txt", "a " + i + "\n"), RandomHistories.MESSAGES[i], base);
            assertThat(pickedAsGitDoes(base, pick, 0).status()).isEqualTo(PickStatus.PICKED);
        }
    }

    @Test
    void twoHundredRandomPicksMatchGitAndNeverLandWhereGitStops() {
        Map<String, Integer> tally = randomPicksMatchGit(new RandomHistories(20_240_513L), 200);
        assertThat(tally.keySet()).as("the generator exercises every outcome")
                .contains("PICKED", "CONFLICT", "EMPTY");
    }

    @Test
    void twoHundredRandomPicksAcrossMovedFilesAndFoldersMatchGit() {
        Map<String, Integer> tally = randomPicksMatchGit(new RandomHistories(20_261_203L, true), 200);
        assertThat(tally.keySet()).as("the generator exercises every outcome after renames")
                .contains("PICKED (renames)", "CONFLICT (renames)", "EMPTY (renames)");
    }

    private Map<String, Integer> randomPicksMatchGit(RandomHistories random, int picks) {
        List<String> mismatches = new ArrayList<>();
        Map<String, Integer> tally = new TreeMap<>();
        for (int i = 0; i < picks; i++) {
            Map<String, FileSpec> base = random.base();
            ObjectId baseId = writer.commit(base, "base " + i);
            ObjectId head = writer.commit(random.change(base), "branch " + i, baseId);
            Map<String, FileSpec> trunk = random.change(base);
            ObjectId trunkId = writer.commit(trunk, "trunk " + i, baseId);
            ObjectId pick = writer.commit(random.change(trunk), random.message(), trunkId);
            Verdict ours = pushtrainVerdict(head, pick, 0);
            Verdict theirs = gitVerdict(head, pick, 0);
            tally.merge(theirs.status() + (random.renamed ? " (renames)" : ""), 1, Integer::sum);
            if (!ours.equals(theirs)) {
                mismatches.add("#" + i + " pick " + pick.name() + " onto " + head.name() + ": pushtrain " + ours
                        + ", git " + theirs + "\n" + describe(ours, theirs));
            }
        }
        assertThat(mismatches).as("outcomes by git: %s", tally).isEmpty();
        return tally;
    }

    private Verdict pickedAsGitDoes(ObjectId head, ObjectId pick, int mainline) {
        Verdict ours = pushtrainVerdict(head, pick, mainline);
        Verdict theirs = gitVerdict(head, pick, mainline);
        assertThat(ours).as(() -> describe(ours, theirs)).isEqualTo(theirs);
        return ours;
    }

    private static Verdict pushtrainVerdict(ObjectId head, ObjectId pick, int mainline) {
        PickOutcome outcome = picker.compute(head, List.of(new Pick(pick, mainline))).outcomes().get(0);
        return new Verdict(outcome.status(), outcome.commit(), outcome.conflictingPaths());
    }

    private static Verdict gitVerdict(ObjectId head, ObjectId pick, int mainline) {
        git.ok("reset", "-q", "--hard");
        git.ok("clean", "-q", "-f", "-d", "-x");
        git.ok("checkout", "-q", "-f", "--detach", head.name());
        GitProgram.Run run = mainline == 0 ? git.run("cherry-pick", "-x", pick.name())
                : git.run("cherry-pick", "-x", "-m", String.valueOf(mainline), pick.name());
        if (run.exit() == 0) {
            return new Verdict(PickStatus.PICKED, ObjectId.fromString(git.ok("rev-parse", "HEAD").line()), List.of());
        }
        String unmerged = git.ok("diff", "--name-only", "--diff-filter=U").out();
        if (!unmerged.isBlank()) {
            return new Verdict(PickStatus.CONFLICT, null, Arrays.stream(unmerged.split("\n")).sorted().toList());
        }
        if (run.err().contains("empty")) {
            return new Verdict(PickStatus.EMPTY, null, List.of());
        }
        throw new IllegalStateException("git cherry-pick failed unexpectedly: " + run.err());
    }

    /** Both commits as git prints them, to see at a glance what differs. */
    private static String describe(Verdict ours, Verdict theirs) {
        StringBuilder text = new StringBuilder();
        for (Verdict verdict : List.of(ours, theirs)) {
            if (verdict.commit() != null) {
                text.append(git.ok("cat-file", "-p", verdict.commit().name()).out()).append("---\n");
            }
        }
        return text.toString();
    }

    static String lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i <= to; i++) {
            text.append("line ").append(i).append('\n');
        }
        return text.toString();
    }

    private static Map<String, FileSpec> files(String path1, byte[] content1, String path2, String content2) {
        return Map.of(path1, new FileSpec(content1, FileMode.REGULAR_FILE), path2, FileSpec.text(content2));
    }

    private static byte[] binary(int seed) {
        byte[] bytes = new byte[256];
        new java.util.Random(seed).nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }
}
