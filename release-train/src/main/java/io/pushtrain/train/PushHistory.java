package io.pushtrain.train;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.pushtrain.train.cut.TrainEntity;
import io.pushtrain.train.cut.TrainRepository;
import io.pushtrain.train.push.PastPushRows;
import io.pushtrain.train.trunk.ChangeSize;
import io.pushtrain.train.trunk.TrunkAnalysis;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records trains and pushes that ran before pushtrain did (a team's history from its previous
 * tool, the demo's last weeks), so History and "where is my rev?" go back further than the first
 * cut. A recorded train is closed: it never becomes the current train, {@code latest} does not
 * move, no branch is written, and no event announces old pushes as if they ran now.
 */
@Service
public class PushHistory {

    private static final Logger log = LoggerFactory.getLogger(PushHistory.class);

    private final TrainRepository trains;
    private final PastPushRows rows;
    private final People people;
    private final TrunkMirror trunk;
    private final Clock clock;

    PushHistory(TrainRepository trains, PastPushRows rows, People people, TrunkMirror trunk, Optional<Clock> clock) {
        this.trains = trains;
        this.rows = rows;
        this.people = people;
        this.trunk = trunk;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /**
     * Records a past train with its pushes in one transaction, or nothing: input that does not
     * add up is refused with a {@link TrainException.Invalid} saying what to fix, and a branch
     * that is already a train with {@link TrainException.Refused} (so recording twice is harmless).
     */
    @Transactional
    public TrainView record(PastTrain past) {
        if (trains.existsByBranch(past.branch())) {
            throw new TrainException.Refused(past.branch() + " is a train already: its history is recorded,"
                    + " or pushtrain cut it");
        }
        checkTimes(past);
        checkPeople(past);
        trunk.fetch();
        RevCommit cut = commit(past.cutCommit(), past.branch() + "'s cut");
        Map<String, PastPushRows.Commit> commits = picked(past);
        TrainEntity train = new TrainEntity(past.branch(), cut.name(), past.cutAt(), past.cutBy());
        train.close();
        train = trains.saveAndFlush(train);
        List<Long> pushes = rows.write(train.id(), past.branch(), past.pushes(), commits);
        log.info("Recorded past train {} (cut {} from {}) with {} push{}", past.branch(), past.cutAt(),
                cut.abbreviate(10).name(), pushes.size(), pushes.size() == 1 ? "" : "es");
        return train.toView();
    }

    private void checkTimes(PastTrain past) {
        Instant now = clock.instant();
        if (past.cutAt().isAfter(now)) {
            throw new TrainException.Invalid(past.branch() + " was cut at " + past.cutAt() + ", which is not past yet");
        }
        trains.findFirstByStateNotOrderByIdDesc(TrainState.CLOSED).map(TrainEntity::toView)
            .filter(current -> !past.cutAt().isBefore(current.cutAt())).ifPresent(current -> {
                throw new TrainException.Invalid(past.branch() + " was cut at " + past.cutAt()
                        + ", not before the current train " + current.branch() + " (" + current.cutAt()
                        + "): only trains before it are history");
            });
        Instant previousEnd = past.cutAt();
        for (PastPush push : past.pushes()) {
            if (push.startedAt().isBefore(previousEnd)) {
                throw new TrainException.Invalid("the push at " + push.startedAt() + " starts before "
                        + (previousEnd.equals(past.cutAt()) ? past.branch() + " was cut" : "the push before it ended")
                        + " (" + previousEnd + "): a train runs one push at a time, after its cut");
            }
            if (push.endedAt().isAfter(now)) {
                throw new TrainException.Invalid("the push at " + push.startedAt() + " ends at " + push.endedAt()
                        + ", which is not past yet");
            }
            previousEnd = push.endedAt();
        }
    }

    /** Requesters must be people here: karma, presence and the dashboard know people by these names. */
    private void checkPeople(PastTrain past) {
        TreeSet<String> unknown = new TreeSet<>();
        past.pushes().stream().flatMap(p -> p.picks().stream()).map(PastPick::requester).distinct()
            .filter(name -> people.find(name).isEmpty()).forEach(unknown::add);
        if (!unknown.isEmpty()) {
            throw new TrainException.Invalid("nobody here is called " + String.join(", ", unknown)
                    + ": add them as people first, then record the history");
        }
    }

    private Map<String, PastPushRows.Commit> picked(PastTrain past) {
        TrunkAnalysis analysis = new TrunkAnalysis(trunk.repository());
        Map<String, PastPushRows.Commit> commits = new HashMap<>();
        for (PastPush push : past.pushes()) {
            for (PastPick pick : push.picks()) {
                commits.computeIfAbsent(pick.commit(), given -> {
                    RevCommit commit = commit(given, pick.requester() + "'s pick");
                    ChangeSize size = analysis.size(commit);
                    return new PastPushRows.Commit(commit.name(), commit.getShortMessage(), size.files(), size.lines());
                });
            }
        }
        return commits;
    }

    private RevCommit commit(String revision, String what) {
        return trunk.resolve(revision).orElseThrow(() -> new TrainException.Invalid("unknown revision " + revision
                + " (" + what + "): no such commit in trunk; fetch the history into trunk first"));
    }
}
