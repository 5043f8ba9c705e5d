package io.pushtrain.server.people;

import java.security.Principal;
import java.util.List;
import java.util.Set;

import io.pushtrain.train.NewPerson;
import io.pushtrain.train.People;
import io.pushtrain.train.Person;
import io.pushtrain.train.Role;
import jakarta.validation.constraints.NotBlank;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** People and their roles; a release engineer mints their own API tokens, an admin anyone's. */
@Tag(name = "People", description = "People, their roles, and API tokens")
@RestController
@RequestMapping("/api/users")
@PreAuthorize("hasAnyRole('RELEASE_ENGINEER', 'ADMIN')")
class PeopleController {

    private final People people;
    private final PasswordEncoder encoder;

    PeopleController(People people, PasswordEncoder encoder) {
        this.people = people;
        this.encoder = encoder;
    }

    @Operation(summary = "List people and their roles")
    @GetMapping
    List<Person> all() {
        return people.all();
    }

    @Operation(summary = "Add a person with roles")
    @ApiResponse(responseCode = "201", description = "The person")
    @ApiResponse(responseCode = "409", description = "Someone already has that name")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Person create(@RequestBody NewUser user, Principal who) {
        String hash = user.password() == null ? null : encoder.encode(user.password());
        return people.create(new NewPerson(user.name(), user.roles(), user.ircAccount(), hash), who.getName());
    }

    /** Gives the person exactly these roles; only an ADMIN may, and the last ADMIN keeps the role. */
    @PutMapping("/{name}/roles")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Change a person's roles (ADMIN)")
    @ApiResponse(responseCode = "409", description = "The last ADMIN would lose the role")
    Person changeRoles(@PathVariable String name, @RequestBody NewRoles body, Principal who) {
        return people.changeRoles(name, body.roles(), who.getName());
    }

    @Operation(summary = "Mint an API token for a person (shown once)")
    @PostMapping("/{name}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedToken issueToken(@PathVariable String name, @RequestBody(required = false) TokenRequest request,
            Principal who) {
        String label = request == null ? null : request.label();
        String token = people.issueToken(name, label, who.getName());
        return new IssuedToken(name, token,
                "Keep this token: it is shown only once. Use it as 'Authorization: Bearer <token>'.");
    }

    /** Revokes every API token of the person: a request with one of them is refused from now on. */
    @Operation(summary = "Revoke every API token of a person")
    @DeleteMapping("/{name}/tokens")
    RevokedTokens revokeTokens(@PathVariable String name, Principal who) {
        return new RevokedTokens(name, people.revokeTokens(name, who.getName()));
    }

    record RevokedTokens(String user, int revoked) {
    }

    record NewUser(@NotBlank String name, Set<Role> roles, String ircAccount, String password) {
    }

    record NewRoles(Set<Role> roles) {
    }

    record TokenRequest(String label) {
    }

    record IssuedToken(String user, String token, String note) {
    }
}
