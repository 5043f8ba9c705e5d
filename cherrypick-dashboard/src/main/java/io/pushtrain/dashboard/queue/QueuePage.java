package io.pushtrain.dashboard.queue;

import java.util.List;

import io.pushtrain.karma.Karma;
import io.pushtrain.train.AuditLog;
import io.pushtrain.train.PickBlockers;
import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cherry-pick queue: every open request, its size, discussion, risk and requester's karma; decided from the row. */
@Controller
class QueuePage {

    /** Rows per page: a day's queue fits on one or two, and the page stays quick to render. */
    static final int PAGE_SIZE = 100;

    private final Picks picks;
    private final Karma karma;
    private final RequesterStars stars;
    private final PickBlockers blockers;
    private final AuditLog audit;

    QueuePage(Picks picks, Karma karma, RequesterStars stars, PickBlockers blockers, AuditLog audit) {
        this.audit = audit;
        this.blockers = blockers;
        this.picks = picks;
        this.karma = karma;
        this.stars = stars;
    }

    @GetMapping("/queue")
    String page(@ModelAttribute("filter") QueueFilter filter, @RequestParam(defaultValue = "1") int page,
            @RequestParam(required = false) String state, @RequestParam(required = false) String risk, Model model) {
        model.addAttribute("filterProblem", QueueFilter.problem(state, risk));
        List<QueueRow> all = picks.queue().stream()
            .map(p -> new QueueRow(p, stars.of(p.requester()), blockers.of(p).blockedBy())).toList();
        List<QueueRow> matching = filter.apply(all);
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.max(1, Math.min(page, pages));
        model.addAttribute("rows", matching.subList((shown - 1) * PAGE_SIZE,
                Math.min(matching.size(), shown * PAGE_SIZE)));
        model.addAttribute("matching", matching.size());
        model.addAttribute("page", shown);
        model.addAttribute("pages", pages);
        model.addAttribute("total", all.size());
        model.addAttribute("backports", picks.needingBackport());
        model.addAttribute("highRisk", all.stream().filter(r -> "HIGH".equals(r.pick().risk())).count());
        model.addAttribute("requesters", all.stream().map(r -> r.pick().requester()).distinct().sorted().toList());
        model.addAttribute("states", QueueFilter.STATES);
        model.addAttribute("risks", QueueFilter.RISKS);
        model.addAttribute("sorts", QueueFilter.SORT_ORDER);
        model.addAttribute("sortNames", QueueFilter.SORTS);
        return "dashboard/queue";
    }

    @PostMapping("/queue/{id}/approve")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String approve(@PathVariable long id, Authentication viewer, RedirectAttributes flash) {
        PickView pick = picks.approve(id, viewer.getName(), null);
        flash.addFlashAttribute("notice", "Approved pick " + id + " (" + pick.subject() + ") of " + pick.requester() + ".");
        return "redirect:/queue";
    }

    @PostMapping("/queue/{id}/reject")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String reject(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Authentication viewer,
            RedirectAttributes flash) {
        PickView pick = picks.reject(id, viewer.getName(), reason);
        flash.addFlashAttribute("notice", "Rejected pick " + id + " of " + pick.requester() + ": " + reason.strip());
        return "redirect:/queue";
    }

    @PostMapping("/queue/{id}/unlike")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String unlike(@PathVariable long id, @RequestParam(defaultValue = "") String reason, Authentication viewer,
            RedirectAttributes flash) {
        PickView pick = picks.get(id);
        var change = audit.karma("karma unlike", karma.unlike(pick.requester(), viewer.getName(), reason));
        flash.addFlashAttribute("notice", "Unliked " + change.person() + ": " + change.from() + " → " + change.to()
                + " stars.");
        return "redirect:/queue";
    }
}
