package io.pushtrain.dashboard.flags;

import java.util.List;
import java.util.regex.Pattern;

import io.pushtrain.flags.FlagConflict;
import io.pushtrain.flags.FlagVersion;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagException;
import io.pushtrain.gatekeeper.client.InvalidFlag;
import io.pushtrain.train.AuditLog;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Gatekeeper's console: every flag at a glance, and a form to create one. */
@Controller
class FlagsPage {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Flags flags;
    private final AuditLog audit;

    FlagsPage(Flags flags, AuditLog audit) {
        this.flags = flags;
        this.audit = audit;
    }

    @GetMapping("/flags")
    String page(Model model, Authentication viewer) {
        return show(model, viewer, "", FlagText.NEW_FLAG, "", List.of());
    }

    @PostMapping("/flags")
    @PreAuthorize(FlagConsole.CHANGERS)
    String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String body,
            @RequestParam(defaultValue = "") String reason, Authentication viewer, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        String trimmed = name.strip();
        try {
            Flag created = flags.put(checked(trimmed), FlagText.flag(trimmed, body, false), 0L, viewer.getName(),
                    FlagConsole.reason(reason, "created in the console"));
            audit.record(viewer.getName(), "flag put", "flag " + created.name(), "created", reason);
            flash.addFlashAttribute("notice", "Created flag " + created.name() + " (version " + created.version() + ").");
            return "redirect:/flags/" + created.name();
        }
        catch (InvalidFlag ex) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return show(model, viewer, trimmed, body, reason, ex.problems());
        }
        catch (FlagConflict ex) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return show(model, viewer, trimmed, body, reason,
                    List.of("There is a flag '" + trimmed + "' already; open it to change it."));
        }
    }

    @ExceptionHandler({ FlagException.class, AccessDeniedException.class })
    String refused(RuntimeException ex, Model model, HttpServletResponse response, Authentication viewer) {
        return FlagConsole.refusal(ex, model, response, viewer);
    }

    private String show(Model model, Authentication viewer, String name, String body, String reason,
            List<String> problems) {
        model.addAttribute("rows", flags.list().stream().map(this::row).toList());
        model.addAttribute("canChange", FlagConsole.canChange(viewer));
        model.addAttribute("name", name);
        model.addAttribute("body", body);
        model.addAttribute("why", reason);
        model.addAttribute("problems", problems);
        return "dashboard/flags";
    }

    private Listed row(Flag flag) {
        return new Listed(flag, flags.history(flag.name()).get(0));
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new InvalidFlag(name, List.of("a flag's name is 1 to 100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit"));
        }
        return name;
    }

    /** A flag in the list, with its latest change: who, when and why. */
    public record Listed(Flag flag, FlagVersion last) {

        public String variantNames() {
            return String.join(", ", flag.variants().keySet());
        }
    }
}
