package io.pushtrain.dashboard.push;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.Trains;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Today's push: the newest push live, and the release engineer's "Start push". */
@Controller
class PushPage {

    private final Pushes pushes;
    private final Picks picks;
    private final Trains trains;

    PushPage(Pushes pushes, Picks picks, Trains trains) {
        this.pushes = pushes;
        this.picks = picks;
        this.trains = trains;
    }

    @GetMapping("/")
    String page(Model model) {
        panel(model);
        model.addAttribute("train", trains.current().orElse(null));
        return "dashboard/push";
    }

    /** The part of the page that server-sent events refresh. */
    @GetMapping("/push/panel")
    String panel(Model model) {
        Optional<PushView> latest = pushes.latest();
        Map<Long, PickView> subjects = latest.map(p -> picks.list(p.train(), null).stream()
            .collect(Collectors.toMap(PickView::id, Function.identity()))).orElse(Map.of());
        model.addAttribute("panel", PushPanel.of(latest, subjects, Instant.now()).orElse(null));
        // Refreshed with the panel, so the header's count and the Start button follow the push live.
        model.addAttribute("queued", picks.queue().stream().filter(p -> p.state().isQueued()).count());
        return "dashboard/push :: panel";
    }

    @PostMapping("/pushes")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String start(Authentication viewer, RedirectAttributes flash) {
        PushView push = pushes.start(null, PushKind.PICKS, viewer.getName());
        flash.addFlashAttribute("notice", "Push " + push.id() + " of " + push.branch() + " started.");
        return "redirect:/";
    }
}
