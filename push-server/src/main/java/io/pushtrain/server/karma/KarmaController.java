package io.pushtrain.server.karma;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

import io.pushtrain.karma.Karma;
import io.pushtrain.karma.KarmaChange;
import io.pushtrain.karma.KarmaStanding;
import io.pushtrain.train.AuditLog;
import io.pushtrain.train.People;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A person's push karma for anyone to see; the release engineer likes and unlikes with a reason. */
@Tag(name = "Karma", description = "Push karma: a requester's stars and their history")
@RestController
@RequestMapping("/api/karma/{user}")
class KarmaController {

    private final Karma karma;
    private final People people;
    private final AuditLog audit;

    KarmaController(Karma karma, People people, AuditLog audit) {
        this.karma = karma;
        this.people = people;
        this.audit = audit;
    }

    @Operation(summary = "A person's stars and karma history")
    @GetMapping
    KarmaView show(@PathVariable String user) {
        people.get(user); // an unknown name answers 404 instead of a default five stars
        return view(user);
    }

    @Operation(summary = "Give a star back, with a reason")
    @PostMapping("/like")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    KarmaView like(@PathVariable String user, @RequestBody(required = false) ReasonBody body, Principal caller) {
        people.get(user);
        audit.karma("karma like", karma.like(user, caller.getName(), ReasonBody.reason(body)));
        return view(user);
    }

    @Operation(summary = "Take a star, with a reason")
    @PostMapping("/unlike")
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    KarmaView unlike(@PathVariable String user, @RequestBody(required = false) ReasonBody body, Principal caller) {
        people.get(user);
        audit.karma("karma unlike", karma.unlike(user, caller.getName(), ReasonBody.reason(body)));
        return view(user);
    }

    private KarmaView view(String user) {
        KarmaStanding standing = karma.standing(user);
        List<ChangeView> history = karma.history(user).stream().map(ChangeView::of).toList();
        return new KarmaView(user, standing.stars(), history, standing.refused(), standing.message());
    }

    record ReasonBody(String reason) {

        /** A missing body is a missing reason: the module answers what to do about it. */
        static String reason(ReasonBody body) {
            return body == null ? null : body.reason();
        }
    }

    record KarmaView(String user, int stars, List<ChangeView> history, boolean refused, String message) {
    }

    record ChangeView(int from, int to, String by, Instant at, String reason) {

        static ChangeView of(KarmaChange change) {
            return new ChangeView(change.from(), change.to(), change.by(), change.at(), change.reason());
        }
    }
}
