package io.pushtrain.dashboard.revision;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.pushtrain.train.Revisions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** "Where is my rev?": a search box, trunk's newest commits, and one revision's whereabouts. */
@Controller
class RevisionPage {

    private static final int NEWEST = 15;

    private final Revisions revisions;

    RevisionPage(Revisions revisions) {
        this.revisions = revisions;
    }

    @GetMapping("/revisions")
    String search(@RequestParam(required = false) String rev, Model model) {
        if (rev != null && !rev.isBlank()) {
            return "redirect:/revisions/" + URLEncoder.encode(rev.strip(), StandardCharsets.UTF_8);
        }
        model.addAttribute("newest", revisions.trunkLog(NEWEST));
        return "dashboard/revisions";
    }

    @GetMapping("/revisions/{rev}")
    String revision(@PathVariable String rev, Model model) {
        model.addAttribute("where", revisions.where(rev));
        model.addAttribute("rev", rev);
        return "dashboard/revision";
    }
}
