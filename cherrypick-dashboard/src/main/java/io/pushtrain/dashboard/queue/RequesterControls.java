package io.pushtrain.dashboard.queue;

import io.pushtrain.dashboard.layout.Viewer;
import io.pushtrain.train.PickRequest;
import io.pushtrain.train.PickRequested;
import io.pushtrain.train.PickState;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.TrainException;
import io.pushtrain.train.TrainView;
import io.pushtrain.train.Trains;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A developer's hands on the queue: request a pick (the same checks as {@code POST /api/picks}),
 * confirm presence for their own pick, withdraw it. The release engineer's controls are in {@link QueuePage}.
 */
@Controller
class RequesterControls {

    private static final Logger log = LoggerFactory.getLogger(RequesterControls.class);

    private final Picks picks;
    private final Trains trains;

    RequesterControls(Picks picks, Trains trains) {
        this.picks = picks;
        this.trains = trains;
    }

    /**
     * A refusal (unknown commit, no reason, already on the branch...) comes back to the form with
     * what was typed, so the developer fixes it instead of typing it again.
     */
    @PostMapping("/queue/request")
    String request(@RequestParam(defaultValue = "") String commit, @RequestParam(defaultValue = "") String reason,
            Authentication viewer, RedirectAttributes flash) {
        if (!Viewer.of(viewer).requestsPicks()) {
            throw new TrainException.NotAllowed("Only developers and release engineers request picks.");
        }
        PickRequested requested;
        try {
            requested = picks.request(new PickRequest(commit.strip(), reason, null, viewer.getName()));
        }
        catch (TrainException.NotAllowed | TrainException.Unavailable ex) {
            throw ex;
        }
        catch (TrainException refused) {
            log.info("Dashboard refused {}'s pick of '{}': {}", viewer.getName(), commit.strip(), refused.getMessage());
            flash.addFlashAttribute("requestProblem", refused.getMessage());
            flash.addFlashAttribute("requestCommit", commit.strip());
            flash.addFlashAttribute("requestReason", reason);
            return "redirect:/queue#request-pick";
        }
        PickView pick = requested.pick();
        flash.addFlashAttribute(pick.state() == PickState.REFUSED_KARMA ? "requestProblem" : "notice",
                outcome(requested, trains.current().orElse(null)));
        return "redirect:/queue#pick-" + pick.id();
    }

    /** What became of the request, in the words the requester needs next. */
    static String outcome(PickRequested requested, TrainView train) {
        PickView pick = requested.pick();
        if (pick.state() == PickState.REFUSED_KARMA) {
            return "Pick " + pick.id() + " is refused: " + pick.detail();
        }
        if (requested.duplicate()) {
            return pick.commit().substring(0, 10) + " has an open request already: pick " + pick.id() + " of "
                    + pick.requester() + ", " + pick.state() + ".";
        }
        String frozen = train != null && train.frozen()
                ? " The train is frozen (" + train.freeze().reason() + "): no push takes it until it is unfrozen."
                : "";
        return "Requested pick " + pick.id() + " (" + pick.subject() + "), " + pick.risk() + " risk: it waits for"
                + " a release engineer to approve it." + frozen;
    }

    @PostMapping("/queue/{id}/confirm")
    String confirm(@PathVariable long id, Authentication viewer, RedirectAttributes flash) {
        PickView pick = picks.confirm(id, viewer.getName());
        flash.addFlashAttribute("notice", "You are here for pick " + id + " (" + pick.subject() + "): "
                + (pick.push() == null ? "the next push takes it." : "push " + pick.push() + " takes it."));
        return "redirect:/queue#pick-" + id;
    }

    @PostMapping("/queue/{id}/withdraw")
    String withdraw(@PathVariable long id, Authentication viewer, RedirectAttributes flash) {
        PickView pick = picks.withdraw(id, viewer.getName(), Viewer.of(viewer).releaseEngineer());
        log.info("{} withdrew pick {} from the dashboard", viewer.getName(), id);
        flash.addFlashAttribute("notice", "Withdrew pick " + id + " (" + pick.subject() + ").");
        return "redirect:/queue";
    }
}
