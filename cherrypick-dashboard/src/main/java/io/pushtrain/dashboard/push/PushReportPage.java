package io.pushtrain.dashboard.push;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.train.Perflab;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.TestResults;
import io.pushtrain.train.Trains;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The page of one push: what History, Today's push, revisions and IRC link to. */
@Controller
class PushReportPage {

    private final Pushes pushes;
    private final Picks picks;
    private final TestResults tests;
    private final Perflab perflab;
    private final Rollouts rollouts;
    private final Trains trains;

    PushReportPage(Pushes pushes, Picks picks, TestResults tests, Perflab perflab, Rollouts rollouts, Trains trains) {
        this.trains = trains;
        this.pushes = pushes;
        this.picks = picks;
        this.tests = tests;
        this.perflab = perflab;
        this.rollouts = rollouts;
    }

    @GetMapping("/pushes/{id}")
    String page(@PathVariable long id, Model model) {
        PushView push = pushes.get(id);
        Map<Long, PickView> subjects = picks.list(push.train(), null).stream()
            .collect(Collectors.toMap(PickView::id, Function.identity()));
        Instant now = Instant.now();
        model.addAttribute("report", PushReport.of(push, subjects, tests.forPush(id), perflab.forPush(id),
                rollout(push), now));
        // The controls of Today's push, here too: a link from IRC lands on this page, not on Today's push.
        model.addAttribute("panel", PushPanel.of(push, subjects, now));
        model.addAttribute("train", trains.current().filter(t -> t.id() == push.train()).orElse(null));
        return "dashboard/push-report";
    }

    private Optional<RolloutView> rollout(PushView push) {
        String artifact = "push-" + push.id();
        return rollouts.list().stream().filter(r -> r.artifactId().equals(artifact))
            .max(Comparator.comparingLong(RolloutView::id));
    }
}
