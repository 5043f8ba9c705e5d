package io.pushtrain.train.trunk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.pushtrain.train.TrainException;
import io.pushtrain.train.TrainProperties;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.RevWalkUtils;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pushtrain's bare copy of trunk: fetched from the company's remote (or generated in demo
 * mode), holding the release branches and {@code latest}.
 */
public class TrunkMirror implements AutoCloseable {

    /** The symbolic branch that always names the current release branch. */
    public static final String LATEST = "latest";

    /** Where the mirror keeps the remote's other branches (developers' backports), fetched on demand. */
    static final String REMOTE_HEADS = Constants.R_REMOTES + "trunk/";

    private static final Logger log = LoggerFactory.getLogger(TrunkMirror.class);

    /** What a push may do with a ref and still have done what was asked (deleting a ref that is gone). */
    private static final Set<RemoteRefUpdate.Status> PUSHED = EnumSet.of(RemoteRefUpdate.Status.OK,
            RemoteRefUpdate.Status.UP_TO_DATE, RemoteRefUpdate.Status.NON_EXISTING);

    private final Repository repository;
    private final TrainProperties.Trunk trunk;

    private TrunkMirror(Repository repository, TrainProperties.Trunk trunk) {
        this.repository = repository;
        this.trunk = trunk;
    }

    /** Opens the mirror under the data folder, creating it from the remote or the demo trunk. */
    public static TrunkMirror open(TrainProperties properties) {
        Path dir = properties.dataDir().toAbsolutePath().normalize().resolve("trunk.git");
        try {
            if (!Files.exists(dir.resolve("HEAD"))) {
                create(dir, properties);
            }
            Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
            return new TrunkMirror(repository, properties.trunk());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot open the trunk mirror in " + dir, ex);
        }
    }

    private static void create(Path dir, TrainProperties properties) throws IOException {
        TrainProperties.Trunk trunk = properties.trunk();
        if (trunk.hasRemote()) {
            log.info("Cloning trunk from {} into {}", trunk.remote(), dir);
            try (Git git = Git.cloneRepository().setURI(trunk.remote()).setBare(true).setGitDir(dir.toFile())
                .setBranchesToClone(List.of(Constants.R_HEADS + trunk.branch()))
                .setBranch(trunk.branch()).call()) {
                log.info("Trunk cloned: {} at {}", trunk.branch(), git.getRepository().resolve(trunk.branch()).name());
            }
            catch (GitAPIException ex) {
                throw new IOException("cannot clone trunk from " + trunk.remote() + ": " + ex.getMessage(), ex);
            }
        }
        else if (properties.demo()) {
            log.info("No trunk remote configured: generating a demo trunk in {}", dir);
            DemoTrunk.create(dir, 20261125L);
        }
        else {
            try (Git git = Git.init().setBare(true).setGitDir(dir.toFile()).setInitialBranch(trunk.branch()).call()) {
                log.warn("No trunk remote configured and demo mode is off: trunk in {} is empty", dir);
            }
            catch (GitAPIException ex) {
                throw new IOException("cannot create an empty trunk in " + dir, ex);
            }
        }
    }

    public Repository repository() {
        return repository;
    }

    public String trunkBranch() {
        return trunk.branch();
    }

    /** Brings trunk up to date with the remote; nothing to do for a local trunk. */
    public void fetch() {
        if (trunk.hasRemote()) {
            fetchRefs(new RefSpec("+" + Constants.R_HEADS + trunk.branch() + ":" + Constants.R_HEADS + trunk.branch()));
        }
    }

    /**
     * Brings a release branch here as the remote has it, for a node that did not cut it or did not
     * land the last push on it. A branch here that is ahead of the remote's (landed, not yet
     * published) stays; one the remote moved past is moved on; one that went another way is
     * replaced by the remote's, which every node agrees on.
     */
    public void catchUp(String branch) {
        if (!trunk.hasRemote()) {
            return;
        }
        String tracking = REMOTE_HEADS + branch;
        fetchRefs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + tracking));
        Optional<ObjectId> remote = ref(tracking);
        Optional<ObjectId> local = head(branch);
        if (remote.isEmpty() || remote.equals(local) || local.filter(here -> isAncestor(remote.get(), here)).isPresent()) {
            return;
        }
        if (local.isPresent() && !isAncestor(local.get(), remote.get())) {
            log.warn("{} here ({}) went another way than on {} ({}): taking the remote's", branch,
                    local.get().abbreviate(10).name(), trunk.remote(), remote.get().abbreviate(10).name());
        }
        if (!moveBranch(branch, local.orElse(ObjectId.zeroId()), remote.get(), true)) {
            throw new TrainException("cannot bring " + branch + " up to " + remote.get().abbreviate(10).name()
                    + ": it moved here meanwhile");
        }
        log.info("{} brought up to {} from {}", branch, remote.get().abbreviate(10).name(), trunk.remote());
    }

    synchronized void fetchRefs(RefSpec... specs) {
        try (Git git = Git.wrap(repository)) {
            git.fetch().setRemote(trunk.remote()).setRefSpecs(specs).call();
        }
        catch (TransportException | InvalidRemoteException ex) {
            throw new TrainException.Unavailable("trunk's remote " + trunk.remote() + " does not answer: "
                    + ex.getMessage(), ex);
        }
        catch (GitAPIException ex) {
            throw new TrainException("cannot fetch " + Arrays.toString(specs) + " from " + trunk.remote()
                    + ": " + ex.getMessage(), ex);
        }
    }

    boolean hasRemote() {
        return trunk.hasRemote();
    }

    String remoteName() {
        return trunk.remote();
    }

    /**
     * Publishes a release branch and {@code latest} to the remote, where one is configured. A
     * remote that refuses the branch (another node moved it) is an error, never a silent no.
     */
    public void publish(String branch) {
        if (trunk.hasRemote()) {
            push("push " + branch, new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch),
                    new RefSpec("+" + Constants.R_HEADS + branch + ":" + Constants.R_HEADS + LATEST));
        }
    }

    /**
     * Pushes to the remote and reads what it did with every ref: a refusal is an error naming the
     * ref and why, a remote that does not answer is {@link TrainException.Unavailable}, retried.
     */
    synchronized void push(String what, RefSpec... specs) {
        try (Git git = Git.wrap(repository)) {
            for (PushResult result : git.push().setRemote(trunk.remote()).setRefSpecs(specs).call()) {
                for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                    if (!PUSHED.contains(update.getStatus())) {
                        throw new TrainException("cannot " + what + ": " + trunk.remote() + " answered "
                                + update.getRemoteName() + " " + update.getStatus()
                                + (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
                    }
                }
            }
        }
        catch (TransportException | InvalidRemoteException ex) {
            throw new TrainException.Unavailable("cannot " + what + ": trunk's remote " + trunk.remote()
                    + " does not answer: " + ex.getMessage(), ex);
        }
        catch (GitAPIException ex) {
            throw new TrainException("cannot " + what + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * A revision as a commit reachable on trunk's remote: from trunk, a release branch, or any
     * other branch there. The remote's branches are fetched when the mirror does not have it
     * yet; a commit only the mirror holds (a candidate a push never landed) is not reachable.
     */
    public Optional<RevCommit> resolveOnRemote(String revision) {
        fetch();
        Optional<RevCommit> found = resolve(revision).filter(this::onRemote);
        if (found.isPresent() || !trunk.hasRemote()) {
            return found;
        }
        fetchRemoteHeads();
        return resolve(revision).filter(this::onRemote);
    }

    /** Makes sure the mirror holds these commits, fetching the remote's branches if one is missing. */
    public void fetchMissing(Collection<? extends ObjectId> commits) {
        if (trunk.hasRemote() && !commits.stream().allMatch(this::has)) {
            fetchRemoteHeads();
        }
    }

    /** Whether this mirror holds the object. */
    public boolean has(ObjectId object) {
        try {
            return repository.getObjectDatabase().has(object);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private void fetchRemoteHeads() {
        fetchRefs(new RefSpec("+" + Constants.R_HEADS + "*:" + REMOTE_HEADS + "*"));
    }

    /** Whether a branch of the remote holds the commit: the mirror's branches are all published there. */
    private boolean onRemote(RevCommit commit) {
        try (RevWalk walk = new RevWalk(repository)) {
            List<Ref> tips = new ArrayList<>(repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
            tips.addAll(repository.getRefDatabase().getRefsByPrefix(REMOTE_HEADS));
            return !RevWalkUtils.findBranchesReachableFrom(walk.parseCommit(commit), walk, tips).isEmpty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public ObjectId trunkHead() {
        return head(trunk.branch()).orElseThrow(() -> new TrainException("trunk (" + trunk.branch() + ") is empty"));
    }

    public Optional<ObjectId> head(String branch) {
        return ref(Constants.R_HEADS + branch);
    }

    private Optional<ObjectId> ref(String name) {
        try {
            Ref ref = repository.exactRef(name);
            return Optional.ofNullable(ref).map(Ref::getObjectId);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A revision (full or abbreviated id, or a ref) as a commit, if this repository has it. */
    public Optional<RevCommit> resolve(String revision) {
        if (revision == null || revision.isBlank() || revision.startsWith("-")) {
            return Optional.empty();
        }
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                return Optional.empty();
            }
            RevCommit commit = walk.parseCommit(id);
            walk.parseBody(commit);
            return Optional.of(commit);
        }
        catch (RevisionSyntaxException | MissingObjectException | IncorrectObjectTypeException ex) {
            return Optional.empty();
        }
        catch (org.eclipse.jgit.errors.AmbiguousObjectException ex) {
            throw new TrainException.Invalid("the revision " + revision + " is ambiguous; give more of its id");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether {@code commit} is reachable from {@code branch}. */
    public boolean contains(String branch, ObjectId commit) {
        return head(branch).map(head -> isAncestor(commit, head)).orElse(false);
    }

    /** Whether {@code commit} is reachable from {@code tip}; an id the mirror lacks is not. */
    public boolean isAncestor(ObjectId commit, ObjectId tip) {
        try (RevWalk walk = new RevWalk(repository)) {
            return walk.isMergedInto(walk.parseCommit(commit), walk.parseCommit(tip));
        }
        catch (org.eclipse.jgit.errors.MissingObjectException ex) {
            return false;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Creates {@code branch} at {@code commit}; answers false if it exists elsewhere already. */
    public boolean createBranch(String branch, ObjectId commit) {
        Optional<ObjectId> existing = head(branch);
        if (existing.isPresent()) {
            return existing.get().equals(commit);
        }
        return moveBranch(branch, ObjectId.zeroId(), commit);
    }

    /**
     * Moves {@code branch} from {@code expected} to {@code next} and nowhere else: a writer that
     * moved it meanwhile makes this answer false instead of losing its commits.
     */
    public boolean moveBranch(String branch, ObjectId expected, ObjectId next) {
        return moveBranch(branch, expected, next, false);
    }

    private boolean moveBranch(String branch, ObjectId expected, ObjectId next, boolean force) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
            update.setExpectedOldObjectId(expected);
            update.setNewObjectId(next);
            update.setRefLogMessage("pushtrain", false);
            update.setForceUpdate(force);
            RefUpdate.Result result = update.update();
            return switch (result) {
                case NEW, FAST_FORWARD, FORCED, NO_CHANGE -> true;
                default -> false;
            };
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Points {@code latest} at {@code branch}. */
    public void moveLatest(String branch) {
        try {
            RefUpdate update = repository.updateRef(Constants.R_HEADS + LATEST);
            update.disableRefLog();
            RefUpdate.Result result = update.link(Constants.R_HEADS + branch);
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.NO_CHANGE) {
                throw new TrainException("cannot move latest to " + branch + ": " + result);
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() {
        repository.close();
    }
}
