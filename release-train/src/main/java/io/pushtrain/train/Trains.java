package io.pushtrain.train;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.pushtrain.train.cut.TrainEntity;
import io.pushtrain.train.cut.TrainRepository;
import io.pushtrain.train.push.PushLauncher;
import io.pushtrain.train.trunk.TrunkMirror;

import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Release trains: the weekly cut of a release branch from trunk, and which train is current. */
@Service
public class Trains {

    private static final Logger log = LoggerFactory.getLogger(Trains.class);

    private final TrainRepository trains;
    private final PushLauncher pushes;
    private final TrunkMirror trunk;
    private final TrainProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditLog audit;

    Trains(TrainRepository trains, PushLauncher pushes, TrunkMirror trunk, TrainProperties properties,
            ApplicationEventPublisher events, Optional<Clock> clock, AuditLog audit) {
        this.audit = audit;
        this.trains = trains;
        this.pushes = pushes;
        this.trunk = trunk;
        this.properties = properties;
        this.events = events;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** Every train, newest cut first. */
    @Transactional(readOnly = true)
    public List<TrainView> all() {
        return trains.findAllByOrderByCutAtDescIdDesc().stream().map(TrainEntity::toView).toList();
    }

    /** The train that takes picks now: the newest one not closed. */
    @Transactional(readOnly = true)
    public Optional<TrainView> current() {
        return trains.findFirstByStateNotOrderByIdDesc(TrainState.CLOSED).map(TrainEntity::toView);
    }

    @Transactional(readOnly = true)
    public TrainView get(long id) {
        return trains.findById(id).map(TrainEntity::toView)
            .orElseThrow(() -> new TrainException.Unknown("there is no train " + id));
    }

    /**
     * Cuts {@code release/<date>} from {@code from} (trunk head when null), moves {@code latest}
     * to it and closes the trains before it. While a push runs the cut is refused with
     * {@link TrainException.Refused} naming it: the push would otherwise ship a closed train
     * after the new one. A scheduled cut tries again after the push. Unless {@code force}, a cut
     * from the commit the current train was cut from is refused too: it would only start another
     * train with the same content and leave the current train's picks behind.
     */
    @Transactional
    public TrainView cut(String from, String by, boolean force) {
        pushes.lockPushesAndCuts();
        pushes.running().ifPresent(push -> {
            throw new TrainException.Busy("push " + push.id() + " is running: a train is cut when it has"
                    + " ended (or cancel it first)", "push", push.id());
        });
        trunk.fetch();
        RevCommit commit = from == null || from.isBlank()
                ? trunk.resolve(trunk.trunkBranch()).orElseThrow(() -> new TrainException("trunk is empty: nothing to cut"))
                : trunk.resolve(from).orElseThrow(() -> new TrainException.Unknown(
                        "cannot cut from " + from + ": no such revision in trunk"));
        if (!force) {
            current().filter(train -> train.cutCommit().equals(commit.name())).ifPresent(train -> {
                throw new TrainException.Busy("the current train " + train.id() + " (" + train.branch()
                        + ") was cut from " + commit.abbreviate(10).name() + " already; to cut another train from it"
                        + " anyway, send {\"force\": true}", "train", train.id());
            });
        }
        String branch = freeBranchName(commit);
        trains.findByStateNot(TrainState.CLOSED).forEach(TrainEntity::close);
        TrainEntity train = trains.saveAndFlush(new TrainEntity(branch, commit.name(), clock.instant(), by));
        if (!trunk.createBranch(branch, commit)) {
            throw new TrainException.Refused("the branch " + branch + " appeared meanwhile; cut again");
        }
        trunk.moveLatest(branch);
        trunk.publish(branch);
        log.info("Cut {} from {} ({}) for {}", branch, commit.abbreviate(10).name(), commit.getShortMessage(), by);
        audit.record(by, "train cut", "train " + train.id(), branch + " from " + commit.abbreviate(10).name(), null);
        TrainView view = train.toView();
        events.publishEvent(new TrainCut(view));
        return view;
    }

    /**
     * Freezes the train: until it is unfrozen, no push (scheduled or manual) starts on it, and
     * each refusal quotes {@code reason}. A push running already goes on; cancel it to stop it.
     */
    @Transactional
    public TrainView freeze(long id, String reason, String by) {
        if (reason == null || reason.isBlank()) {
            throw new TrainException.Invalid("say why the train is frozen (a reason): every refused push quotes it");
        }
        // The lock a push start takes: a push that starts now sees the freeze, or started before it.
        pushes.lockPushesAndCuts();
        TrainEntity train = trains.findById(id).orElseThrow(() -> new TrainException.Unknown("there is no train " + id));
        if (train.state() == TrainState.CLOSED) {
            throw new TrainException.Refused(train.branch() + " is closed: a newer train was cut, nothing pushes it");
        }
        train.freeze().ifPresent(freeze -> {
            throw new TrainException.Refused(train.branch() + " is frozen already, by " + freeze.by() + ": "
                    + freeze.reason());
        });
        train.freeze(reason.strip(), by, clock.instant());
        log.info("{} froze {}: {}", by, train.branch(), reason.strip());
        audit.record(by, "train freeze", "train " + id, train.branch(), reason.strip());
        return train.toView();
    }

    /** Lets pushes start on the train again. */
    @Transactional
    public TrainView unfreeze(long id, String by) {
        TrainEntity train = trains.findById(id).orElseThrow(() -> new TrainException.Unknown("there is no train " + id));
        if (train.freeze().isEmpty()) {
            throw new TrainException.Refused(train.branch() + " is not frozen");
        }
        train.unfreeze();
        log.info("{} unfroze {}", by, train.branch());
        audit.record(by, "train unfreeze", "train " + id, train.branch(), null);
        return train.toView();
    }

    /** Marks the train shipped by its weekly release push. */
    @Transactional
    public void shipped(long id) {
        trains.findById(id).ifPresent(TrainEntity::shipped);
    }

    private String freeBranchName(RevCommit commit) {
        String base = "release/" + LocalDate.now(clock.withZone(properties.zone()));
        String name = base;
        for (int n = 2; taken(name, commit); n++) {
            name = base + "." + n;
        }
        return name;
    }

    private boolean taken(String branch, RevCommit commit) {
        // A branch left behind by a cut whose transaction did not commit may be reused if it
        // points where this cut wants it.
        return trains.existsByBranch(branch) || trunk.head(branch).filter(id -> !id.equals(commit)).isPresent();
    }
}
