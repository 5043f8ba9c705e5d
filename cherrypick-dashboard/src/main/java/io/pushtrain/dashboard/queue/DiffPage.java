package io.pushtrain.dashboard.queue;

import java.util.List;

import io.pushtrain.train.PickView;
import io.pushtrain.train.Picks;
import io.pushtrain.train.Revisions;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** A pick's patch, so the release engineer reads what they approve. */
@Controller
class DiffPage {

    /** Enough for any pick a person reads line by line; bigger ones are cut with a note. */
    static final int MAX_PATCH_BYTES = 512 * 1024;

    private final Picks picks;
    private final Revisions revisions;

    DiffPage(Picks picks, Revisions revisions) {
        this.picks = picks;
        this.revisions = revisions;
    }

    @GetMapping("/picks/{id}/diff")
    String page(@PathVariable long id, Model model) {
        PickView pick = picks.get(id);
        model.addAttribute("pick", pick);
        model.addAttribute("lines", PatchLine.of(revisions.diff(pick.commit(), MAX_PATCH_BYTES)));
        return "dashboard/diff";
    }

    /** One line of the patch and how to colour it. */
    public record PatchLine(String text, String kind) {

        static List<PatchLine> of(String patch) {
            return patch.lines().map(line -> new PatchLine(line, kind(line))).toList();
        }

        private static String kind(String line) {
            if (line.startsWith("diff --git")) {
                return "file";
            }
            if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("index ")) {
                return "meta";
            }
            if (line.startsWith("@@")) {
                return "hunk";
            }
            if (line.startsWith("+")) {
                return "add";
            }
            return line.startsWith("-") ? "del" : "ctx";
        }
    }
}
