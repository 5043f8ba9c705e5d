package io.pushtrain.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    private final TrunkMirror trunk;
    private final Trains trains;
    private final Picks picks;

    Revisions(TrunkMirror trunk, Trains trains, Picks picks) {
        this.trunk = trunk;
        this.trains = trains;
        this.picks = picks;
    }

    /** Trunk's newest commits, newest first, with the paths each touched. */
    public List<TrunkCommit> trunkLog(int max) {
        return TrunkLog.newest(trunk.repository(), trunk.trunkHead(), max);
    }

    /** The commit's patch against its first parent as unified diff text, cut after {@code maxBytes}. */
    public String diff(String revision, int maxBytes) {
        RevCommit commit = trunk.resolve(revision).orElseThrow(() -> new TrainException.NotFound(
                "unknown revision " + revision + ": no such commit in trunk or a release branch"));
        return TrunkDiff.of(trunk.repository(), commit, maxBytes);
    }

    @Transactional(readOnly = true)
    public RevisionView where(String revision) {
        RevCommit commit = trunk.resolve(revision).orElseThrow(() -> new TrainException.NotFound(
                "unknown revision " + revision + ": no such commit in trunk or a release branch"));
        List<PickView> requests = picks.ofCommit(commit.name());
        List<RevisionView.TrainPresence> presence = new ArrayList<>();
        for (TrainView train : trains.all()) {
            if (trunk.contains(train.branch(), commit)) {
                presence.add(new RevisionView.TrainPresence(train.id(), train.branch(), true, "in trunk at the cut"));
            }
            else if (requests.stream().anyMatch(p -> p.train() == train.id() && p.pickedCommit() != null
                    && trunk.contains(train.branch(), ObjectId.fromString(p.pickedCommit())))) {
                presence.add(new RevisionView.TrainPresence(train.id(), train.branch(), true, "picked"));
            }
        }
        return new RevisionView(revision, commit.name(), commit.getShortMessage(),
                commit.getAuthorIdent().getName(), trunk.contains(trunk.trunkBranch(), commit), presence, requests,
                Map.of());
    }
}
