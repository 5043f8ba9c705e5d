package io.pushtrain.dashboard.push;

import java.util.List;

import io.pushtrain.train.PickState;
import io.pushtrain.train.Picks;
import io.pushtrain.train.PushView;
import io.pushtrain.train.Pushes;
import io.pushtrain.train.TrainException;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A requester's "I'm here" on Today's push: confirms every pick of theirs that the push waits for,
 * as {@code !here} does in IRC; the push goes on as soon as everyone has.
 */
@Controller
class PresenceHere {

    private final Pushes pushes;
    private final Picks picks;

    PresenceHere(Pushes pushes, Picks picks) {
        this.pushes = pushes;
        this.picks = picks;
    }

    @PostMapping("/pushes/{id}/presence/here")
    String here(@PathVariable long id, @RequestParam(required = false) String back, Authentication viewer,
            RedirectAttributes flash) {
        PushView push = pushes.get(id);
        List<Long> waiting = push.picks().stream()
            .filter(p -> p.requester().equals(viewer.getName()) && p.state() == PickState.APPROVED)
            .map(PushView.PushPickView::id).toList();
        if (waiting.isEmpty()) {
            throw new TrainException.Refused("push " + id + " waits for no pick of " + viewer.getName()
                    + ": nothing to confirm");
        }
        waiting.forEach(pick -> picks.confirm(pick, viewer.getName()));
        flash.addFlashAttribute("notice", "You are here for push " + id + ": confirmed "
                + (waiting.size() == 1 ? "pick " : "picks ") + String.join(", ", waiting.stream().map(String::valueOf).toList())
                + ".");
        return PushPage.backTo(back);
    }
}
