package io.pushtrain.train.trunk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jgit.diff.DiffConfig;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One batch of picks, all in memory: one inserter, reader and walk for the whole batch,
 * each pick merged on top of the previous result. Nothing touches a ref or a worktree.
 */
final class PickBatch implements AutoCloseable {

    private final Repository repository;
    private final PersonIdent committer;
    private final ObjectInserter inserter;
    private final ObjectReader reader;
    private final RevWalk walk;
    private final RenameSearch renameSearch;
    private final PickRenames renames;
    private final MissedConflicts missedConflicts;
    private final TreeMerge treeMerge;

    PickBatch(Repository repository, PersonIdent committer) {
        this.repository = repository;
        this.committer = committer;
        this.inserter = repository.newObjectInserter();
        // Reading through the inserter sees the commits this batch made before they are flushed.
        this.reader = inserter.newReader();
        this.walk = new RevWalk(reader);
        TreeEdits trees = new TreeEdits(reader, inserter);
        this.renameSearch = new RenameSearch(reader, repository.getConfig().get(DiffConfig.KEY));
        this.renames = new PickRenames(trees, renameSearch);
        this.missedConflicts = new MissedConflicts(trees);
        // The merger's own reader comes from our inserter, so it sees this batch's objects too.
        this.treeMerge = new TreeMerge(inserter, repository.getConfig(), trees);
    }

    BatchResult run(AnyObjectId head, List<Pick> picks) throws IOException {
        RevCommit current = walk.parseCommit(head);
        List<PickOutcome> outcomes = new ArrayList<>(picks.size());
        for (Pick pick : picks) {
            PickOutcome outcome = pickOne(current, pick);
            outcomes.add(outcome);
            if (outcome.status().landed()) {
                current = walk.parseCommit(outcome.commit());
            }
        }
        // One flush per batch: a pack inserter writes one pack instead of one per pick.
        inserter.flush();
        return new BatchResult(head.copy(), current.copy(), outcomes, BranchMove.NOT_REQUESTED);
    }

    private PickOutcome pickOne(RevCommit head, Pick pick) throws IOException {
        RevCommit commit;
        try {
            commit = walk.parseCommit(pick.commit());
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            return PickOutcome.refused(PickStatus.UNKNOWN_COMMIT, pick.commit(),
                    pick.commit().name() + " is not a commit of this repository");
        }
        int parents = commit.getParentCount();
        if (parents > 1 && pick.mainline() == 0) {
            return PickOutcome.refused(PickStatus.NEEDS_MAINLINE, commit.copy(), commit.name()
                    + " is a merge with " + parents + " parents; name the mainline parent to pick it against");
        }
        if (pick.mainline() > Math.max(parents, 1)) {
            return PickOutcome.refused(PickStatus.BAD_MAINLINE, commit.copy(),
                    commit.name() + " has no parent " + pick.mainline());
        }
        return merge(head, commit, pick.mainline() == 0 ? 0 : pick.mainline() - 1, pick.backportOf());
    }

    private PickOutcome merge(RevCommit head, RevCommit commit, int baseParent, ObjectId backportOf)
            throws IOException {
        AnyObjectId base = base(commit, baseParent);
        List<DiffEntry> pickChanges = renameSearch.changes(base, commit.getTree());
        PickRenames.Placed placed = renames.place(base, head.getTree(), commit.getTree(), pickChanges);
        if (placed.base() != base || placed.pick() != commit.getTree()) {
            pickChanges = renameSearch.changes(placed.base(), placed.pick());
        }
        TreeMerge.Result merged = treeMerge.merge(placed.base(), placed.head(), placed.pick());
        Set<String> conflicts = new TreeSet<>(placed.conflicts());
        conflicts.addAll(missedConflicts.find(placed.head(), pickChanges));
        conflicts.addAll(merged.conflicts());
        if (!merged.clean() || !conflicts.isEmpty()) {
            return PickOutcome.conflict(commit.copy(), List.copyOf(conflicts));
        }
        ObjectId tree = merged.tree();
        if (tree.equals(head.getTree())) {
            return PickOutcome.refused(PickStatus.EMPTY, commit.copy(),
                    "the branch already holds " + commit.name() + "; picking it changes nothing");
        }
        return PickOutcome.picked(commit.copy(), insertCommit(head, commit, tree, backportOf));
    }

    /** The tree the pick's change is measured from: its mainline parent, or nothing for a root commit. */
    private AnyObjectId base(RevCommit commit, int baseParent) throws IOException {
        if (commit.getParentCount() == 0) {
            return inserter.insert(Constants.OBJ_TREE, new byte[0]);
        }
        return walk.parseCommit(commit.getParent(baseParent)).getTree();
    }

    private ObjectId insertCommit(RevCommit head, RevCommit commit, ObjectId tree, ObjectId backportOf)
            throws IOException {
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentId(head);
        builder.setAuthor(commit.getAuthorIdent());
        builder.setCommitter(committer);
        builder.setMessage(backportOf == null ? PickMessage.of(originalMessage(commit), commit)
                : PickMessage.ofBackport(originalMessage(commit), backportOf));
        return inserter.insert(builder);
    }

    /** git starts the message at the first non-blank line after the header. */
    private static String originalMessage(RevCommit commit) {
        String message = commit.getFullMessage();
        int start = 0;
        while (start < message.length()) {
            int nl = message.indexOf('\n', start);
            if (nl < 0 || !message.substring(start, nl).isBlank()) {
                break;
            }
            start = nl + 1;
        }
        return message.substring(start);
    }

    @Override
    public void close() {
        walk.close();
        reader.close();
        inserter.close();
    }
}
