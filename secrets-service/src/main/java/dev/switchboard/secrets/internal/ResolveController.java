package dev.switchboard.secrets.internal;

import dev.switchboard.secrets.secret.ResolvedSecret;
import dev.switchboard.secrets.secret.SecretException;
import dev.switchboard.secrets.secret.SecretService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The executor's resolve call: {@code {name, userId}} gives the user's private secret of that
 * name, else the shared one, else 404 {@code SECRET_NOT_FOUND}. The only place a value leaves.
 */
@RestController
class ResolveController {

    private final SecretService secrets;

    ResolveController(SecretService secrets) {
        this.secrets = secrets;
    }

    @PostMapping("/internal/v1/secrets/resolve")
    ResolvedSecret resolve(@RequestBody ResolveRequest request) {
        if (request.name() == null || !request.name().matches("[A-Za-z0-9_.-]{1,128}")) {
            throw SecretException.invalidField("name", "must be a secret's name: 1-128 letters, digits, '_', '.' or '-'");
        }
        return secrets.resolve(request.name(), request.userId());
    }

    record ResolveRequest(String name, String userId) {
    }
}
