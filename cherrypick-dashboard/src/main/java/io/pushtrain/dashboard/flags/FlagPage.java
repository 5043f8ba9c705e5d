package io.pushtrain.dashboard.flags;

import java.util.List;

import io.pushtrain.flags.FlagConflict;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.Evaluation;
import io.pushtrain.gatekeeper.client.Flag;
import io.pushtrain.gatekeeper.client.FlagException;
import io.pushtrain.gatekeeper.client.FlagJson;
import io.pushtrain.gatekeeper.client.FlagUser;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One flag: its rules in a JSON editor, the kill switch, "who sees this", and its history with revert. */
@Controller
class FlagPage {

    private final Flags flags;
    private final AuditLog audit;

    FlagPage(Flags flags, AuditLog audit) {
        this.flags = flags;
        this.audit = audit;
    }

    @GetMapping("/flags/{name}")
    String page(@PathVariable String name, @RequestParam(required = false) String user,
            @RequestParam(required = false) String attributes, Model model, Authentication viewer) {
        Flag flag = flags.get(name);
        model.addAttribute("who", who(name, user, attributes));
        return show(model, viewer, flag, FlagText.body(flag), "", List.of());
    }

    @PostMapping("/flags/{name}")
    @PreAuthorize(FlagConsole.CHANGERS)
    String save(@PathVariable String name, @RequestParam String body, @RequestParam long version,
            @RequestParam(defaultValue = "") String reason, Authentication viewer, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        try {
            Flag saved = flags.put(name, FlagText.flag(name, body, flags.get(name).enabled()), version, viewer.getName(),
                    FlagConsole.reason(reason, "edited in the console"));
            audit.record(viewer.getName(), "flag put", "flag " + name, "version " + saved.version(), reason);
            return saved(saved, "Saved", flash);
        }
        catch (InvalidFlag ex) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return unsaved(model, viewer, name, body, version, reason, ex.problems());
        }
        catch (FlagConflict ex) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return unsaved(model, viewer, name, body, version, reason, List.of(ex.getMessage()));
        }
    }

    @PostMapping("/flags/{name}/toggle")
    @PreAuthorize(FlagConsole.CHANGERS)
    String toggle(@PathVariable String name, @RequestParam boolean enabled, @RequestParam long version,
            @RequestParam(defaultValue = "") String reason, Authentication viewer, RedirectAttributes flash) {
        String what = enabled ? "turned on" : "turned off";
        Flag saved = flags.put(name, flags.get(name).withEnabled(enabled), version, viewer.getName(),
                FlagConsole.reason(reason, what + " in the console"));
        audit.record(viewer.getName(), "flag put", "flag " + name, what + ", version " + saved.version(), reason);
        return saved(saved, enabled ? "Turned on" : "Turned off", flash);
    }

    @PostMapping("/flags/{name}/revert")
    @PreAuthorize(FlagConsole.CHANGERS)
    String revert(@PathVariable String name, @RequestParam long version,
            @RequestParam(defaultValue = "") String reason, Authentication viewer, RedirectAttributes flash) {
        Flag saved = flags.revert(name, version, viewer.getName(), FlagConsole.reason(reason, null));
        audit.record(viewer.getName(), "flag revert", "flag " + name, "to version " + version, reason);
        return saved(saved, "Reverted to version " + version + ":", flash);
    }

    @ExceptionHandler({ FlagException.class, AccessDeniedException.class })
    String refused(RuntimeException ex, Model model, HttpServletResponse response, Authentication viewer) {
        return FlagConsole.refusal(ex, model, response, viewer);
    }

    private String unsaved(Model model, Authentication viewer, String name, String body, long version, String reason,
            List<String> problems) {
        Flag current = flags.get(name);
        model.addAttribute("who", who(name, null, null));
        model.addAttribute("editedVersion", version);
        return show(model, viewer, current, body, reason, problems);
    }

    private String show(Model model, Authentication viewer, Flag flag, String body, String reason,
            List<String> problems) {
        model.addAttribute("flag", flag);
        model.addAttribute("canChange", FlagConsole.canChange(viewer));
        model.addAttribute("body", body);
        model.addAttribute("why", reason);
        model.addAttribute("problems", problems);
        model.addAttribute("history", flags.history(flag.name()));
        model.addAttribute("json", new Json());
        model.asMap().putIfAbsent("editedVersion", flag.version());
        return "dashboard/flags-flag";
    }

    /** "Who sees this": asked when the form names a user or attributes, with unreadable attributes said inline. */
    private WhoSeesThis who(String name, String user, String attributes) {
        if (user == null && attributes == null) {
            return new WhoSeesThis("", "", null, null);
        }
        try {
            FlagUser asked = new FlagUser(user == null || user.isBlank() ? null : user.strip(),
                    FlagText.attributes(attributes));
            return new WhoSeesThis(user, attributes, flags.evaluate(name, asked), null);
        }
        catch (IllegalArgumentException ex) {
            return new WhoSeesThis(user, attributes, null, ex.getMessage());
        }
    }

    private static String saved(Flag saved, String what, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", what + " " + saved.name() + ", now version " + saved.version() + ".");
        return "redirect:/flags/{name}";
    }

    /** The "who sees this" form as asked, and its answer or why it could not be asked. */
    public record WhoSeesThis(String user, String attributes, Evaluation evaluation, String problem) {
    }

    /** Values as the page prints them: JSON, as the API and the SDK write them. */
    public static final class Json {

        public String of(Object value) {
            return FlagJson.write(value);
        }
    }
}
