package io.pushtrain.dashboard.people;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.pushtrain.dashboard.layout.Viewer;
import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Person;
import io.pushtrain.train.Role;
import io.pushtrain.train.TrainException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * People, their roles and API tokens: an ADMIN adds people, changes roles, mints a token (shown
 * once) and revokes tokens; a release engineer reads the page. The same services and refusals
 * as {@code /api/users}.
 */
@Controller
class PeoplePage {

    private static final Logger log = LoggerFactory.getLogger(PeoplePage.class);

    private final People people;
    private final PasswordEncoder encoder;

    /** The server's encoder, so a password set here signs in like one set through the API. */
    PeoplePage(People people, ObjectProvider<PasswordEncoder> encoder) {
        this.people = people;
        this.encoder = encoder.getIfAvailable(PasswordEncoderFactories::createDelegatingPasswordEncoder);
    }

    @GetMapping("/people")
    String page(Authentication viewer, Model model) {
        Viewer who = Viewer.of(viewer);
        if (!who.admin() && !who.releaseEngineer()) {
            throw new TrainException.NotAllowed("The people page is for ADMINs and release engineers;"
                    + " ask an ADMIN if you need a token or another role.");
        }
        Map<String, Long> tokens = people.liveTokens();
        model.addAttribute("rows", people.all().stream()
            .map(p -> new PersonRow(p, tokens.getOrDefault(p.name(), 0L))).toList());
        model.addAttribute("roles", List.of(Role.values()));
        return "dashboard/people";
    }

    @PostMapping("/people")
    String add(@RequestParam(defaultValue = "") String name, @RequestParam(required = false) Set<Role> roles,
            @RequestParam(defaultValue = "") String ircAccount, @RequestParam(defaultValue = "") String password,
            Authentication viewer, RedirectAttributes flash) {
        requireAdmin(viewer, "adds people");
        Set<Role> given = roles == null ? EnumSet.noneOf(Role.class) : roles;
        Person person = people.create(new NewPerson(name.strip(), given, blankToNull(ircAccount),
                password.isEmpty() ? null : encoder.encode(password)), viewer.getName());
        log.info("{} added {} with roles {} from the dashboard", viewer.getName(), person.name(), person.roles());
        flash.addFlashAttribute("notice", "Added " + person.name() + " (" + words(person.roles()) + ")"
                + (password.isEmpty() ? "; without a password they sign in with API tokens only." : "."));
        return "redirect:/people#person-" + person.name();
    }

    @PostMapping("/people/{name}/roles")
    String changeRoles(@PathVariable String name, @RequestParam(required = false) Set<Role> roles,
            Authentication viewer, RedirectAttributes flash) {
        requireAdmin(viewer, "changes roles");
        Person person = people.changeRoles(name, roles, viewer.getName());
        flash.addFlashAttribute("notice", person.name() + " now has the roles " + words(person.roles()) + ".");
        return "redirect:/people#person-" + person.name();
    }

    @PostMapping("/people/{name}/tokens")
    String mintToken(@PathVariable String name, @RequestParam(defaultValue = "") String label,
            Authentication viewer, RedirectAttributes flash) {
        requireAdmin(viewer, "mints tokens from this page");
        String token = people.issueToken(people.get(name).name(), blankToNull(label), viewer.getName());
        log.info("{} minted an API token for {} from the dashboard", viewer.getName(), name);
        // A flash attribute lives for the next page only: the token is shown once, as the API answers it once.
        flash.addFlashAttribute("minted", new MintedToken(name, token));
        return "redirect:/people#minted-token";
    }

    @PostMapping("/people/{name}/tokens/revoke")
    String revokeTokens(@PathVariable String name, Authentication viewer, RedirectAttributes flash) {
        requireAdmin(viewer, "revokes tokens");
        int revoked = people.revokeTokens(name, viewer.getName());
        log.info("{} revoked {} API token(s) of {} from the dashboard", viewer.getName(), revoked, name);
        flash.addFlashAttribute("notice", "Revoked " + revoked + (revoked == 1 ? " token" : " tokens") + " of " + name
                + ": a request with " + (revoked == 1 ? "it" : "one of them") + " is refused from now on.");
        return "redirect:/people#person-" + name;
    }

    private static void requireAdmin(Authentication viewer, String what) {
        if (!Viewer.of(viewer).admin()) {
            throw new TrainException.NotAllowed("Only an ADMIN " + what + "; a release engineer reads this page.");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String words(Set<Role> roles) {
        return String.join(", ", roles.stream().sorted().map(Role::name).toList());
    }

    /** One person on the page, with how many live API tokens they hold. */
    public record PersonRow(Person person, long tokens) {

        public boolean has(String role) {
            return person.has(Role.valueOf(role));
        }

        public List<Role> sortedRoles() {
            return person.roles().stream().sorted().toList();
        }
    }

    /** A token just minted: the one time anyone sees it. */
    public record MintedToken(String person, String token) {
    }
}
