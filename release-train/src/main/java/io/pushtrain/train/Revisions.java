package io.pushtrain.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.pushtrain.distribution.HostView;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.train.push.PushRepository;

import io.pushtrain.train.trunk.TrunkDiff;
import io.pushtrain.train.trunk.TrunkLog;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** "Where is my rev?": trunk, trains, requests, pushes, shipped or not. */
@Service
public class Revisions {

    private static final Pattern PUSH_ARTIFACT = Pattern.compile("push-(\\d+)");

    private final TrunkMirror trunk;
    private final Trains trains;
    private final Picks picks;
    private final Hosts hosts;
    private final PushRepository pushes;

    Revisions(TrunkMirror trunk, Trains trains, Picks picks, Hosts hosts, PushRepository pushes) {
        this.trunk = trunk;
        this.trains = trains;
        this.picks = picks;
        this.hosts = hosts;
        this.pushes = pushes;
    }

    /** Trunk's newest commits, newest first, with the paths each touched. */
    public List<TrunkCommit> trunkLog(int max) {
        return TrunkLog.newest(trunk.repository(), trunk.trunkHead(), max);
    }

    /** The commit's patch against its first parent as unified diff text, cut after {@code maxBytes}. */
    public String diff(String revision, int maxBytes) {
        RevCommit commit = trunk.resolve(revision).orElseThrow(() -> new TrainException.Unknown(
                "unknown revision " + revision + ": no such commit in trunk or a release branch"));
        return TrunkDiff.of(trunk.repository(), commit, maxBytes);
    }

    @Transactional(readOnly = true)
    public RevisionView where(String revision) {
        RevCommit commit = trunk.resolve(revision).orElseThrow(() -> new TrainException.Unknown(
                "unknown revision " + revision + ": no such commit in trunk or a release branch"));
        List<PickView> requests = picks.ofCommit(commit.name());
        PickView madeBy = picks.madeAs(commit.name()).orElse(null);
        List<RevisionView.TrainPresence> presence = new ArrayList<>();
        for (TrainView train : trains.all()) {
            how(train, commit, requests, madeBy).ifPresent(how ->
                    presence.add(new RevisionView.TrainPresence(train.id(), train.branch(), true, how)));
        }
        return new RevisionView(revision, commit.name(), commit.getShortMessage(),
                commit.getAuthorIdent().getName(), trunk.contains(trunk.trunkBranch(), commit), presence, requests,
                hostsByTier(commit, requests), madeBy);
    }

    /** How the train came to carry the commit, if it does: a cherry-pick a push made is not "in trunk at the cut". */
    private Optional<String> how(TrainView train, RevCommit commit, List<PickView> requests, PickView madeBy) {
        if (madeBy != null && madeBy.train() == train.id()) {
            return Optional.of(madeBy.push() == null ? "made by pick #" + madeBy.id()
                    : "made by push " + madeBy.push() + " as pick #" + madeBy.id());
        }
        if (trunk.contains(train.branch(), commit)) {
            return Optional.of(trunk.isAncestor(commit, ObjectId.fromString(train.cutCommit())) ? "in trunk at the cut"
                    : "on the branch");
        }
        boolean picked = requests.stream().anyMatch(p -> p.train() == train.id() && p.pickedCommit() != null
                && trunk.contains(train.branch(), ObjectId.fromString(p.pickedCommit())));
        return picked ? Optional.of("picked") : Optional.empty();
    }

    /** How many hosts of each tier run a build that holds the revision, itself or as a pick of it. */
    private Map<String, Integer> hostsByTier(RevCommit commit, List<PickView> requests) {
        List<ObjectId> carriers = new ArrayList<>();
        carriers.add(commit);
        requests.stream().map(PickView::pickedCommit).filter(Objects::nonNull).map(ObjectId::fromString)
            .forEach(carriers::add);
        Map<String, Boolean> buildHolds = new HashMap<>();
        Map<String, Integer> byTier = new TreeMap<>();
        for (HostView host : hosts.list()) {
            if (host.version() != null && buildHolds.computeIfAbsent(host.version(), v -> holds(v, carriers))) {
                byTier.merge(host.tier(), 1, Integer::sum);
            }
        }
        return byTier;
    }

    private boolean holds(String artifactId, List<ObjectId> carriers) {
        Matcher push = PUSH_ARTIFACT.matcher(artifactId);
        if (!push.matches()) {
            return false;
        }
        Optional<ObjectId> built = pushes.findById(Long.parseLong(push.group(1))).flatMap(p -> p.headCommit() != null
                ? Optional.of(ObjectId.fromString(p.headCommit()))
                : trains.all().stream().filter(t -> t.id() == p.trainId()).findFirst()
                    .map(t -> ObjectId.fromString(t.cutCommit())));
        return built.isPresent() && carriers.stream().anyMatch(c -> trunk.isAncestor(c, built.get()));
    }
}
