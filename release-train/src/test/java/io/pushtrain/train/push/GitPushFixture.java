package io.pushtrain.train.push;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.karma.Offence;
import io.pushtrain.testsupport.TestTrunk;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.TrainProperties;
import io.pushtrain.train.pick.PickEntity;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A push on a real trunk remote and mirror, with its ledger in memory: what a step's unit test
 * stands on, in this package or the steps' own. The trunk starts with {@code a.txt} and
 * {@code c.txt}; {@link #trunkCommit} adds commits; the release branch is cut at the start.
 */
public final class GitPushFixture implements AutoCloseable {

    public static final Instant NOW = Instant.parse("2026-12-02T11:00:00Z");
    public static final String BRANCH = "release/2026-11-29";

    final InMemoryPushLedger ledger = new InMemoryPushLedger();
    final List<Object> events = new ArrayList<>();
    final AtomicInteger batchesComputed = new AtomicInteger();
    final PushEntity push = ledger.push(1, PushKind.PICKS, NOW);
    final Path dir;
    final TestTrunk remote;
    final ObjectId base;
    TrunkMirror trunk;
    final CandidatePicker picker;
    final PushPicks picks;

    public GitPushFixture(Path dir) {
        this.dir = dir;
        this.remote = TestTrunk.create(dir.resolve("remote.git"));
        this.base = remote.commit("ann", "Start the app", Map.of("a.txt", "a1\n", "c.txt", "c1\n"));
        this.picker = (from, batch, at) -> {
            batchesComputed.incrementAndGet();
            return new TrunkCandidatePicker(trunk).pick(from, batch, at);
        };
        this.picks = new PushPicks(ledger, picker, new FiveStars(), events::add, Clock.fixed(NOW, ZoneOffset.UTC),
                true);
    }

    public ObjectId trunkCommit(String author, String message, Map<String, String> changes) {
        return remote.commit(author, message, changes);
    }

    /** Opens the mirror over what trunk holds now and cuts the release branch at its first commit. */
    public GitPushFixture cut(String buildCommand) {
        trunk = TrunkMirror.open(properties(buildCommand));
        if (!trunk.createBranch(BRANCH, base)) {
            throw new IllegalStateException("cannot cut " + BRANCH);
        }
        trunk.publish(BRANCH);
        return this;
    }

    /** An approved pick of this trunk commit, taken by the push and confirmed by its requester. */
    public PickEntity confirmedPick(ObjectId commit, String requester) {
        PickEntity pick = ledger.approvedPick(1, commit.name(), requester, NOW);
        picks.take(push.id(), 1);
        pick.confirm(NOW);
        return pick;
    }

    /** The merge step run once: the candidate head is recorded on the push. */
    public StepResult merge() {
        return mergeStep().run(run());
    }

    public PushRun run() {
        return new PushRun(push.id(), 1, BRANCH, PushKind.PICKS);
    }

    public PushPicks picks() {
        return picks;
    }

    public TrunkMirror trunk() {
        return trunk;
    }

    public ObjectId base() {
        return base;
    }

    public TransactionTemplate tx() {
        return new TransactionTemplate(new NoTransactions());
    }

    /** The trunk mirror of another node of the cluster: its own data folder, the same remote. */
    public TrunkMirror otherNode(String name) {
        return TrunkMirror.open(properties("true", dir.resolve(name)));
    }

    public TrainProperties properties(String buildCommand) {
        return properties(buildCommand, dir.resolve("data"));
    }

    private TrainProperties properties(String buildCommand, Path dataDir) {
        return new TrainProperties(dataDir, ZoneId.of("UTC"), false,
                new TrainProperties.Trunk(remote.url(), "main", Duration.ofMinutes(5)),
                new TrainProperties.Schedule("0 0 18 ? * SUN", "0 0 11 ? * TUE", List.of(), false),
                new TrainProperties.Push(Duration.ofMinutes(30), Duration.ofSeconds(30), 6, Duration.ofSeconds(10),
                        Duration.ofMinutes(5)),
                new TrainProperties.Build(buildCommand, Duration.ofMinutes(1)),
                new TrainProperties.Test(List.of("true"), "**/TEST-*.xml", 1, Duration.ofMinutes(30),
                        Duration.ofSeconds(60)),
                new TrainProperties.Perf(null, null, "3%", 8, 30, Duration.ofMinutes(10), Duration.ZERO));
    }

    MergeStep mergeStep() {
        return new MergeStep(ledger, picks, picker, trunk, tx(), PushProbe.NONE);
    }

    @Override
    public void close() {
        if (trunk != null) {
            trunk.close();
        }
        remote.close();
    }

    static final class FiveStars implements RequesterKarma {

        @Override
        public KarmaStanding standing(String requester) {
            return new KarmaStanding(requester, 5, false, requester + " has 5 stars");
        }

        @Override
        public void penalize(String requester, Offence offence, String detail) {
        }
    }

    /** The steps' transactions are the database's business; in memory there is nothing to commit. */
    static final class NoTransactions extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
