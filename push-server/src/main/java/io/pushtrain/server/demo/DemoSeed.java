package io.pushtrain.server.demo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.pushtrain.karma.ReviewReport;
import io.pushtrain.karma.Reviews;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Revisions;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainView;
import io.pushtrain.train.Trains;
import io.pushtrain.train.TrunkCommit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Gives a newcomer something to look at on the first demo start: developers, four weeks of
 * recorded history, a train cut a while back, pick requests of every size (one that conflicts),
 * and a push that runs live.
 */
@Component
@Order(10)
@Conditional(DemoModeCondition.class)
class DemoSeed implements ApplicationRunner {

    static final List<String> DEVELOPERS = List.of("dana", "eve", "frank", "grace");

    /** A change this wide is big by the risk guides (20 files). */
    private static final int BIG_FILES = 20;

    private static final Logger log = LoggerFactory.getLogger(DemoSeed.class);
    private static final String REASONS = "users cannot log in|crash on the feed for 2% of users"
            + "|the photo upload times out|a typo on the checkout page|the launch is on Thursday"
            + "|ads are counted twice|memory leak in the image resizer|the new composer ships dark";

    private final People people;
    private final Trains trains;
    private final Picks picks;
    private final Pushes pushes;
    private final Revisions revisions;
    private final Reviews reviews;
    private final DemoHistory history;
    private final PasswordEncoder encoder;

    DemoSeed(People people, Trains trains, Picks picks, Pushes pushes, Revisions revisions, Reviews reviews,
            DemoHistory history, PasswordEncoder encoder) {
        this.people = people;
        this.trains = trains;
        this.picks = picks;
        this.pushes = pushes;
        this.revisions = revisions;
        this.reviews = reviews;
        this.history = history;
        this.encoder = encoder;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Once there is a current train the demo is seeded; a first start that died before the cut seeds again,
        // and the weeks it recorded already are skipped.
        if (trains.current().isPresent()) {
            return;
        }
        List<String> credentials = createDevelopers();
        List<TrunkCommit> log = revisions.trunkLog(400);
        // History first: the weeks before the current train, each recorded once.
        int past = history.record(log);
        TrunkCommit cutAt = log.get(Math.min(DemoHistory.CURRENT_CUT, log.size() - 1));
        TrainView train = trains.cut(cutAt.commit(), "demo", false);
        List<PickView> requested = requestPicks(log.subList(0, log.indexOf(cutAt)));
        approveAllButThree(requested);
        long push = pushes.start(train.id(), PushKind.PICKS, "demo").id();
        DemoSeed.log.warn("""

                *************************************************************
                Demo mode: trunk is generated, {} pushes of the last {} weeks
                are recorded, {} was cut, {} picks requested,
                push {} waits for presence until someone signs in to the
                dashboard. Demo developers (they confirm presence by
                themselves a few seconds after that):
                {}
                *************************************************************""", past, DemoHistory.WEEKS,
                train.branch(), requested.size(), push, String.join("\n", credentials));
    }

    private List<String> createDevelopers() {
        List<String> lines = new ArrayList<>();
        for (String name : DEVELOPERS) {
            if (people.find(name).isPresent()) {
                continue;
            }
            String password = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
            people.create(new NewPerson(name, Set.of(Role.DEVELOPER), name, encoder.encode(password)));
            lines.add("  " + name + " / " + password);
        }
        return lines;
    }

    /**
     * Every sixth small commit after the cut, one that rewrites lines an unpicked commit wrote,
     * and picks of every risk: a big change, a small one with a heated review, and a big one with
     * a heated review. The last three stay in the queue for the release engineer to decide.
     */
    private List<PickView> requestPicks(List<TrunkCommit> afterCut) {
        List<TrunkCommit> big = afterCut.stream().filter(c -> c.paths().size() >= BIG_FILES).toList();
        List<TrunkCommit> small = afterCut.stream().filter(c -> c.paths().size() < BIG_FILES).toList();
        List<TrunkCommit> chosen = new ArrayList<>();
        for (int i = small.size() - 1; i >= 0 && chosen.size() < 7; i -= 6) {
            chosen.add(small.get(i));
        }
        conflicting(small, chosen).ifPresent(chosen::add);
        List<TrunkCommit> unpicked = small.stream().filter(c -> !chosen.contains(c)).toList();
        if (big.size() >= 2 && unpicked.size() >= 2) {
            chosen.add(big.get(1));
            chosen.add(unpicked.get(0));
            chosen.add(unpicked.get(1));
            heatedReview(unpicked.get(1), 1);
            chosen.add(big.get(0));
            heatedReview(big.get(0), 2);
        }
        String[] reasons = REASONS.split("\\|");
        List<PickView> requested = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            String requester = DEVELOPERS.get(i % DEVELOPERS.size());
            requested.add(picks.request(new PickRequest(chosen.get(i).commit(), reasons[i % reasons.length], null,
                    requester)).pick());
        }
        return requested;
    }

    private static java.util.Optional<TrunkCommit> conflicting(List<TrunkCommit> afterCut, List<TrunkCommit> chosen) {
        Set<String> taken = new HashSet<>();
        chosen.forEach(c -> taken.add(c.commit()));
        // newest first: a commit whose file an older, unpicked commit also changed
        for (int later = 0; later < afterCut.size(); later++) {
            for (int earlier = later + 1; earlier < afterCut.size(); earlier++) {
                TrunkCommit a = afterCut.get(later);
                TrunkCommit b = afterCut.get(earlier);
                if (!taken.contains(a.commit()) && !taken.contains(b.commit())
                        && a.paths().stream().anyMatch(b.paths()::contains)) {
                    return java.util.Optional.of(a);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** What a Phabricator instance would report through the review webhook for a fought-over diff. */
    private void heatedReview(TrunkCommit commit, int n) {
        reviews.report(new ReviewReport("phabricator", "D" + (4200 + n), null, commit.commit(), 24 + 5 * n, 5, 6),
                "demo");
    }

    private void approveAllButThree(List<PickView> requested) {
        for (int i = 0; i < requested.size() - 3; i++) {
            picks.approve(requested.get(i).id(), "admin", "demo");
        }
    }
}
