package io.pushtrain.dashboard.push;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.pushtrain.dashboard.layout.Times;
import io.pushtrain.distribution.Hosts;
import io.pushtrain.distribution.RolloutView;
import io.pushtrain.distribution.Rollouts;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PresenceExtension;
import io.pushtrain.train.PushKind;
import io.pushtrain.train.PushState;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.StepState;
import io.pushtrain.train.TrainView;
import io.pushtrain.train.Trains;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Today's push: the newest push live, and the release engineer's "Start push". */
@Controller
class PushPage {

    private static final Pattern PUSH_PAGE = Pattern.compile("/pushes/[0-9]{1,18}");

    private final Pushes pushes;
    private final Picks picks;
    private final Trains trains;
    private final Hosts hosts;
    private final Rollouts rollouts;

    PushPage(Pushes pushes, Picks picks, Trains trains, Hosts hosts, Rollouts rollouts) {
        this.pushes = pushes;
        this.picks = picks;
        this.trains = trains;
        this.hosts = hosts;
        this.rollouts = rollouts;
    }

    @GetMapping("/")
    String page(Model model) {
        panel(model);
        model.addAttribute("train", trains.current().orElse(null));
        model.addAttribute("waiting", waitingForAPush(picks.queue(), pushes.latest()));
        return "dashboard/push";
    }

    /** The part of the page that server-sent events refresh. */
    @GetMapping("/push/panel")
    String panel(Model model) {
        Optional<PushView> latest = pushes.latest();
        Map<Long, PickView> subjects = latest.map(p -> picks.list(p.train(), null).stream()
            .collect(Collectors.toMap(PickView::id, Function.identity()))).orElse(Map.of());
        model.addAttribute("panel", PushPanel.of(latest, subjects, Instant.now()).orElse(null));
        model.addAttribute("fleetNow", latest.flatMap(this::fleetNow).orElse(null));
        // Refreshed with the panel, so the header's count and the Start button follow the push live.
        model.addAttribute("queued", queuedForNextPush(picks.queue(), latest));
        return "dashboard/push :: panel";
    }

    /** Picks waiting for a push, leaving out those the running push holds already. */
    static long queuedForNextPush(List<PickView> queue, Optional<PushView> latest) {
        return waitingForAPush(queue, latest).size();
    }

    /** The picks a push could take now: what an emergency push names. */
    static List<PickView> waitingForAPush(List<PickView> queue, Optional<PushView> latest) {
        Long running = latest.filter(p -> p.state() == PushState.RUNNING).map(PushView::id).orElse(null);
        return queue.stream().filter(p -> p.state().isQueued())
            .filter(p -> running == null || !running.equals(p.push())).toList();
    }

    /** What the hosts run now, read from their reports: the distribute step's words are from when it ended. */
    private Optional<FleetNow> fleetNow(PushView push) {
        boolean distributed = push.steps().stream()
            .anyMatch(s -> s.name().equals("distribute") && s.state() != StepState.PENDING);
        if (!distributed) {
            return Optional.empty();
        }
        String artifact = "push-" + push.id();
        Optional<RolloutView> rollout = rollouts.list().stream().filter(r -> r.artifactId().equals(artifact))
            .max(Comparator.comparingLong(RolloutView::id));
        return Optional.of(FleetNow.of(artifact, rollout.map(RolloutView::state).orElse(null), hosts.list()));
    }

    @PostMapping("/pushes")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String start(Authentication viewer, RedirectAttributes flash) {
        PushView push = pushes.start(null, PushKind.PICKS, viewer.getName());
        flash.addFlashAttribute("notice", "Push " + push.id() + " of " + push.branch() + " started.");
        return "redirect:/";
    }

    /** Only the ticked picks, without the presence wait, also on a frozen train. */
    @PostMapping("/pushes/emergency")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String emergency(@RequestParam(name = "pick", required = false) List<Long> pickIds,
            @RequestParam(required = false) String reason, Authentication viewer, RedirectAttributes flash) {
        PushView push = pushes.startEmergency(pickIds, reason, viewer.getName());
        flash.addFlashAttribute("notice", "Emergency push " + push.id() + " of " + push.branch() + " started with "
                + (pickIds.size() == 1 ? "1 pick" : pickIds.size() + " picks") + ", without the presence wait.");
        return "redirect:/pushes/" + push.id();
    }

    /** "End wait now": whoever has not confirmed is deferred, and the push goes on. */
    @PostMapping("/pushes/{id}/presence/end")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String endPresence(@PathVariable long id, @RequestParam(required = false) String back, Authentication viewer,
            RedirectAttributes flash) {
        pushes.endPresence(id, viewer.getName());
        flash.addFlashAttribute("notice", "Presence wait of push " + id + " ended: whoever has not confirmed is deferred.");
        return backTo(back);
    }

    @PostMapping("/pushes/{id}/presence/extend")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String extendPresence(@PathVariable long id, @RequestParam(defaultValue = "10m") String by,
            @RequestParam(required = false) String back, Authentication viewer, RedirectAttributes flash) {
        PresenceExtension extension = PresenceExtension.parse(by);
        PushView push = pushes.extendPresence(id, extension, viewer.getName());
        flash.addFlashAttribute("notice", "Presence wait of push " + id + " extended by " + extension.words()
                + ", until " + new Times().clock(push.presenceDeadline()) + ".");
        return backTo(back);
    }

    @PostMapping("/pushes/{id}/presence/skip")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String skipRequester(@PathVariable long id, @RequestParam(required = false) String user,
            @RequestParam(required = false) String back, Authentication viewer, RedirectAttributes flash) {
        pushes.skipRequester(id, user, viewer.getName());
        flash.addFlashAttribute("notice", "Skipped " + user + " in push " + id + ": their picks wait for the next push.");
        return backTo(back);
    }

    @PostMapping("/trains/{id}/freeze")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String freeze(@PathVariable long id, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String back, Authentication viewer, RedirectAttributes flash) {
        TrainView train = trains.freeze(id, reason, viewer.getName());
        flash.addFlashAttribute("notice", train.branch() + " is frozen: no push starts until it is unfrozen.");
        return backTo(back);
    }

    @PostMapping("/trains/{id}/unfreeze")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String unfreeze(@PathVariable long id, @RequestParam(required = false) String back, Authentication viewer,
            RedirectAttributes flash) {
        TrainView train = trains.unfreeze(id, viewer.getName());
        flash.addFlashAttribute("notice", train.branch() + " is unfrozen: pushes start again.");
        return backTo(back);
    }

    /**
     * Where a control returns: the push's own page when it was used there, else Today's push. Only
     * a push page is accepted, so the form cannot send anyone elsewhere.
     */
    static String backTo(String back) {
        return back != null && PUSH_PAGE.matcher(back).matches() ? "redirect:" + back : "redirect:/";
    }
}
