package io.pushtrain.server.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.pushtrain.flags.FlagAudience;
import io.pushtrain.flags.FlagReach;
import io.pushtrain.flags.Flags;
import io.pushtrain.gatekeeper.client.FlagUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who a flag reaches: the reach of each rule, and "who sees this?" for a list of users at once. Anyone signed in
 * may ask; nothing here changes a flag.
 */
@Tag(name = "Flags")
@RestController
@RequestMapping("/api/flags/{name}")
class FlagReachController {

    /** A "who sees this?" list answers on one page; a bigger question is a reach over a sample. */
    static final int MAX_AUDIENCE = 1_000;

    /** As many users as the recent sample holds. */
    static final int MAX_SAMPLE = 10_000;

    private static final String EXAMPLE = "{\"users\": [\"techcrunch\", {\"user\": \"kiri\", \"attributes\":"
            + " {\"country\": \"NZ\", \"groups\": [\"employees\"]}}]}";

    private final Flags flags;

    FlagReachController(Flags flags) {
        this.flags = flags;
    }

    @GetMapping("/reach")
    @Operation(summary = "Whom each rule of a flag serves, among the users this server evaluated lately",
            description = "For every rule in order: the users and groups it names, and how many of the sample it"
                    + " serves (matched, and not caught by an earlier rule); then who gets the default. The sample is"
                    + " described in `sample.description`.")
    @ApiResponse(responseCode = "200", description = "the reach of each rule")
    @ApiResponse(responseCode = "404", description = "no such flag")
    FlagReach reach(@PathVariable String name) {
        return flags.reach(name);
    }

    @PostMapping("/reach")
    @Operation(summary = "Whom each rule of a flag serves, among the users you send",
            description = "The same counts as GET, on your own sample (say a day's active users with their"
                    + " attributes), at most " + MAX_SAMPLE + " users.")
    @ApiResponse(responseCode = "200", description = "the reach of each rule")
    @ApiResponse(responseCode = "400", description = "no users, more than " + MAX_SAMPLE + ", or one without an id")
    @ApiResponse(responseCode = "404", description = "no such flag")
    FlagReach reachAmong(@PathVariable String name, @RequestBody UserList body) {
        return flags.reach(name, users(body, MAX_SAMPLE, "a reach sample"));
    }

    @PostMapping("/audience")
    @Operation(summary = "Who sees this? What a flag serves each user of a list, and which rule decided",
            description = "Each user is an id, or an object with `user` and `attributes`; at most " + MAX_AUDIENCE
                    + ". Answers come in the order asked.")
    @ApiResponse(responseCode = "200", description = "one answer per user: variant, value, enabled, reason, rule")
    @ApiResponse(responseCode = "400", description = "no users, more than " + MAX_AUDIENCE + ", or one without an id")
    @ApiResponse(responseCode = "404", description = "no such flag")
    FlagAudience audience(@PathVariable String name, @RequestBody UserList body) {
        return flags.audience(name, users(body, MAX_AUDIENCE, "\"who sees this?\""));
    }

    private static List<FlagUser> users(UserList body, int max, String what) {
        if (body == null || body.users() == null || body.users().isEmpty()) {
            throw new IllegalArgumentException("Name the users to ask about: " + EXAMPLE + ".");
        }
        if (body.users().size() > max) {
            throw new IllegalArgumentException(what + " takes at most " + String.format(java.util.Locale.ROOT, "%,d", max)
                    + " users at once; got " + String.format(java.util.Locale.ROOT, "%,d", body.users().size()) + ".");
        }
        List<FlagUser> users = new ArrayList<>(body.users().size());
        for (int i = 0; i < body.users().size(); i++) {
            AskedUser asked = body.users().get(i);
            if (asked == null || asked.user() == null || asked.user().isBlank()) {
                throw new IllegalArgumentException("User " + (i + 1) + " of the list has no id; each is an id such"
                        + " as \"techcrunch\" or {\"user\": \"kiri\", \"attributes\": {...}}.");
            }
            users.add(new FlagUser(asked.user().strip(), asked.attributes()));
        }
        return users;
    }

    /** The users asked about. */
    record UserList(List<AskedUser> users) {
    }

    /** One user: its id, and the attributes rules look at ({@code country}, {@code groups}, ...). */
    record AskedUser(String user, Map<String, Object> attributes) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        AskedUser {
        }

        /** A bare id, as in {@code ["techcrunch", "bob"]}. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static AskedUser of(String user) {
            return new AskedUser(user, Map.of());
        }
    }
}
