package io.pushtrain.dashboard.audit;

import java.time.Instant;
import java.util.List;

import io.pushtrain.train.AuditLog;
import io.pushtrain.train.AuditQuery;
import io.pushtrain.train.TrainException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log for the release engineer: who did what to which object, when and why, newest
 * first, filtered by actor, object and time like {@code GET /api/audit}.
 */
@Controller
class AuditPage {

    static final int PAGE_SIZE = 100;

    private final AuditLog audit;

    AuditPage(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    @PreAuthorize("hasAnyRole('RELEASE_ENGINEER', 'ADMIN')")
    String page(@RequestParam(defaultValue = "") String actor, @RequestParam(defaultValue = "") String object,
            @RequestParam(defaultValue = "") String since, @RequestParam(required = false) Long before, Model model,
            HttpServletResponse response) {
        model.addAttribute("actor", actor.strip());
        model.addAttribute("object", object.strip());
        model.addAttribute("since", since.strip());
        Instant from;
        try {
            from = AuditQuery.since(since);
        }
        catch (TrainException.Invalid ex) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("filterProblem", ex.getMessage());
            model.addAttribute("rows", List.of());
            model.addAttribute("nextBefore", null);
            return "dashboard/audit";
        }
        Entries page = Entries.of(audit.find(new AuditQuery(actor, object, from, before, PAGE_SIZE)));
        model.addAttribute("rows", page.rows());
        model.addAttribute("nextBefore", page.nextBefore());
        return "dashboard/audit";
    }

    /** A page's rows, each with the link to its object's page, and where the next page starts. */
    record Entries(List<AuditRow> rows, Long nextBefore) {

        static Entries of(io.pushtrain.train.AuditPage page) {
            return new Entries(page.entries().stream().map(AuditRow::new).toList(), page.nextBefore());
        }
    }
}
