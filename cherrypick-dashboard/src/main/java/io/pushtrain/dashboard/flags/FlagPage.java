package io.pushtrain.dashboard.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pushtrain.flags.FlagAudience;
import io.pushtrain.flags.FlagConflict;
import io.pushtrain.flags.FlagReach;
import io.pushtrain.flags.Flags;
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

/**
 * One flag: its rules in a form with the reach of each, the kill switch, "who sees this" for a list of users, the
 * flag as JSON for whoever prefers it, and its history with revert.
 */
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
            @RequestParam(required = false) String attributes, @RequestParam(required = false) String users,
            Model model, Authentication viewer) {
        Flag flag = flags.get(name);
        // A link from before the list form (?user=bob&attributes={...}) asks about that one user.
        String asked = users == null && user != null
                ? user.strip() + (attributes == null || attributes.isBlank() ? "" : " " + attributes.strip()) : users;
        model.addAttribute("audience", audience(name, asked));
        return show(model, viewer, flag, FlagText.body(flag), "", List.of());
    }

    /**
     * The rule form: Save checks the flag as {@code PUT /api/flags/{name}} does and stores it; every other button
     * (add a rule, remove, move up or down, add a variant) only changes the form, which comes back unsaved with
     * the reach of the rules as they now stand.
     */
    @PostMapping("/flags/{name}/rules")
    @PreAuthorize(FlagConsole.CHANGERS)
    String rules(@PathVariable String name, @RequestParam Map<String, String> fields,
            @RequestParam long version, @RequestParam(defaultValue = "save") String action,
            @RequestParam(defaultValue = "") String reason, Authentication viewer, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        RuleForm form = RuleForm.read(fields);
        if (!action.equals("save")) {
            RuleForm edited = form.apply(action);
            return unsavedForm(model, viewer, name, edited, version, reason, List.of(), false);
        }
        RuleForm.Draft draft = form.toFlag(name);
        try {
            if (!draft.problems().isEmpty()) {
                throw new InvalidFlag(name, draft.problems());
            }
            Flag saved = flags.put(name, draft.flag(), version, viewer.getName(),
                    FlagConsole.reason(reason, "rules edited in the console"));
            return saved(saved, "Saved", flash);
        }
        catch (InvalidFlag ex) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return unsavedForm(model, viewer, name, form, version, reason, problems(name, draft, ex), true);
        }
        catch (FlagConflict ex) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            return unsavedForm(model, viewer, name, form, version, reason, List.of(ex.getMessage()), true);
        }
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
        model.addAttribute("audience", audience(name, null));
        model.addAttribute("editedVersion", version);
        model.addAttribute("jsonProblems", problems);
        model.addAttribute("openJson", true);
        return show(model, viewer, current, body, reason, List.of());
    }

    private String unsavedForm(Model model, Authentication viewer, String name, RuleForm form, long version,
            String reason, List<String> problems, boolean refused) {
        Flag current = flags.get(name);
        RuleForm.Draft draft = form.toFlag(name);
        FlagReach reach = null;
        if (draft.problems().isEmpty()) {
            try {
                reach = flags.reachOf(draft.flag());
            }
            catch (InvalidFlag notYetServable) {
                // the form is shown without reach until its rules can be served; Save lists why
            }
        }
        model.addAttribute("rulesForm", new RuleFormView(form, problems, reach, true));
        model.addAttribute("audience", audience(name, null));
        model.addAttribute("editedVersion", version);
        model.addAttribute("refused", refused);
        return show(model, viewer, current, FlagText.body(current), reason, List.of());
    }

    /** The form's own problems first, then the flag's check's, without saying the same thing twice. */
    private static List<String> problems(String name, RuleForm.Draft draft, InvalidFlag ex) {
        if (draft.problems().isEmpty()) {
            return ex.problems();
        }
        List<String> all = new ArrayList<>(draft.problems());
        try {
            io.pushtrain.gatekeeper.client.CompiledFlag.of(draft.flag());
        }
        catch (InvalidFlag checked) {
            checked.problems().stream()
                .filter(p -> draft.problems().stream().noneMatch(mine -> sameRule(mine, p)))
                .forEach(all::add);
        }
        all.sort(java.util.Comparator.comparingInt(FlagPage::ruleNumber));
        return all;
    }

    /** Problems of rule 1 first, then rule 2, ..., then those that name no rule. */
    private static int ruleNumber(String problem) {
        java.util.regex.Matcher rule = java.util.regex.Pattern.compile("^rule (\\d{1,4})[: ]").matcher(problem);
        return rule.find() ? Integer.parseInt(rule.group(1)) : Integer.MAX_VALUE;
    }

    private static boolean sameRule(String mine, String theirs) {
        int colon = mine.indexOf(':');
        return mine.startsWith("rule ") && colon > 0 && theirs.startsWith(mine.substring(0, colon));
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
        model.asMap().putIfAbsent("rulesForm", new RuleFormView(RuleForm.of(flag), List.of(), flags.reach(flag.name()), false));
        model.asMap().putIfAbsent("jsonProblems", List.of());
        model.asMap().putIfAbsent("openJson", false);
        model.asMap().putIfAbsent("refused", false);
        return "dashboard/flags-flag";
    }

    /**
     * "Who sees this" for a list: one user a line, an id and optionally its attributes as JSON
     * ({@code kiri {"country": "NZ"}}); lines that cannot be read are said, and nothing is asked.
     */
    private Audience audience(String name, String users) {
        if (users == null || users.isBlank()) {
            return new Audience(users == null ? "" : users, null, null);
        }
        String[] lines = users.strip().split("\\R");
        if (lines.length > MAX_AUDIENCE) {
            return new Audience(users, null, "Ask about at most " + MAX_AUDIENCE + " users at once; the list has "
                    + lines.length + " lines.");
        }
        List<FlagUser> asked = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String id = space < 0 ? line : line.substring(0, space);
            try {
                asked.add(new FlagUser(id, FlagText.attributes(space < 0 ? null : line.substring(space + 1))));
            }
            catch (IllegalArgumentException ex) {
                return new Audience(users, null, "Line " + (i + 1) + " (" + id + "): " + ex.getMessage()
                        + " Write one user a line: an id, then optionally its attributes, such as"
                        + " kiri {\"country\": \"NZ\"}.");
            }
        }
        return new Audience(users, flags.audience(name, asked), null);
    }

    private static String saved(Flag saved, String what, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", what + " " + saved.name() + ", now version " + saved.version() + ".");
        return "redirect:/flags/{name}";
    }

    /** The most users the console asks about at once, as the API's audience endpoint takes. */
    static final int MAX_AUDIENCE = 1_000;

    /** "Who sees this" for a list of users: the list as typed, and the answers or why it could not be asked. */
    public record Audience(String users, FlagAudience answers, String problem) {
    }

    /** Values as the page prints them: JSON, as the API and the SDK write them. */
    public static final class Json {

        public String of(Object value) {
            return FlagJson.write(value);
        }
    }
}
