package io.pushtrain.dashboard.karma;

import java.util.List;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaChange;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.train.AuditLog;
import io.pushtrain.train.People;
import io.pushtrain.train.Person;
import io.pushtrain.train.Role;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Everyone's push karma, its history with reasons, and the release engineer's like and unlike. */
@Controller
class KarmaPage {

    private final People people;
    private final Karma karma;
    private final AuditLog audit;

    KarmaPage(People people, Karma karma, AuditLog audit) {
        this.people = people;
        this.karma = karma;
        this.audit = audit;
    }

    @GetMapping("/karma")
    String page(Model model) {
        List<KarmaRow> rows = people.all().stream()
            .filter(p -> p.has(Role.DEVELOPER) || p.has(Role.RELEASE_ENGINEER))
            .map(this::row)
            .toList();
        model.addAttribute("rows", rows);
        return "dashboard/karma";
    }

    @PostMapping("/karma/{person}/like")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String like(@PathVariable String person, @RequestParam(defaultValue = "") String reason, Authentication viewer,
            RedirectAttributes flash) {
        return changed(audit.karma("karma like", karma.like(people.get(person).name(), viewer.getName(), reason)), flash);
    }

    @PostMapping("/karma/{person}/unlike")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    String unlike(@PathVariable String person, @RequestParam(defaultValue = "") String reason, Authentication viewer,
            RedirectAttributes flash) {
        return changed(audit.karma("karma unlike", karma.unlike(people.get(person).name(), viewer.getName(), reason)),
                flash);
    }

    private KarmaRow row(Person person) {
        KarmaStanding standing = karma.standing(person.name());
        return new KarmaRow(person, standing.stars(), standing.refused(), karma.history(person.name()));
    }

    private static String changed(KarmaChange change, RedirectAttributes flash) {
        flash.addFlashAttribute("notice", change.person() + ": " + change.from() + " → " + change.to() + " stars ("
                + change.reason() + ").");
        return "redirect:/karma#person-" + change.person();
    }

    /** A person, their stars, whether the train refuses them, and every change with its reason. */
    public record KarmaRow(Person person, int stars, boolean refused, List<KarmaChange> history) {
    }
}
