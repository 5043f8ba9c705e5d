package io.pushtrain.server.distribution;

import java.util.List;

import io.pushtrain.distribution.BuildKeys;
import io.pushtrain.distribution.ServerKey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public halves of the server's build-signing keys, which a host agent is given at install
 * time ({@code --server-key}), and their rotation.
 */
@Tag(name = "Signing keys", description = "The Ed25519 keys that sign build manifests")
@RestController
@RequestMapping("/api/signing-keys")
class SigningKeyController {

    private final BuildKeys keys;

    SigningKeyController(BuildKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "List the server's signing keys")
    @GetMapping
    List<ServerKey> all() {
        return keys.keys();
    }

    /** A new key signs from now on; the old one signs too for {@code pushtrain.distribution.key-overlap}. */
    @Operation(summary = "Rotate the signing key: the old one keeps signing for the overlap")
    @PostMapping("/rotate")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('RELEASE_ENGINEER')")
    ServerKey rotate() {
        return keys.rotate();
    }
}
