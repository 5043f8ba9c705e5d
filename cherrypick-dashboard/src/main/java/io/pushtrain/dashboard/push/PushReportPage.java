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

    PushReportPage(Pushes pushes, Picks picks, TestResults tests, Perflab perflab, Rollouts rollouts) {
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
        model.addAttribute("report", PushReport.of(push, subjects, tests.forPush(id), perflab.forPush(id),
                rollout(push), Instant.now()));
        return "dashboard/push-report";
    }

    private Optional<RolloutView> rollout(PushView push) {
        String artifact = "push-" + push.id();
        return rollouts.list().stream().filter(r -> r.artifactId().equals(artifact))
            .max(Comparator.comparingLong(RolloutView::id));
    }
}
