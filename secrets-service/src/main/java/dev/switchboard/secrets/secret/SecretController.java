package dev.switchboard.secrets.secret;

import dev.switchboard.contracts.api.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The people's side of secrets: metadata in and out, values in only. */
@RestController
@RequestMapping("/api/v1/secrets")
class SecretController {

    private static final String NAME = "[A-Za-z0-9_.-]{1,128}";
    private static final String NAME_MESSAGE = "must be 1-128 letters, digits, '_', '.' or '-'";
    private static final String SCOPE = "shared|private";
    private static final String SCOPE_MESSAGE = "must be shared or private";

    private final SecretCatalog catalog;
    private final SecretService secrets;

    SecretController(SecretCatalog catalog, SecretService secrets) {
        this.catalog = catalog;
        this.secrets = secrets;
    }

    @GetMapping
    ListPage<SecretMetadata> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        return catalog.visibleTo(caller.getSubject(), page, limit);
    }

    @PostMapping
    ResponseEntity<SecretMetadata> create(@RequestBody SecretInput input) {
        SecretMetadata created = secrets.create(input, Caller.current());
        return ResponseEntity.created(URI.create("/api/v1/secrets/" + created.name() + "?scope=" + created.scope()))
                .body(created);
    }

    @GetMapping("/{name}")
    SecretMetadata get(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestParam(required = false) @Pattern(regexp = SCOPE, message = SCOPE_MESSAGE) String scope) {
        return secrets.get(name, scope, Caller.current());
    }

    /** A new value (and optionally description); {@code scope} is required so a write never guesses. */
    @PutMapping("/{name}")
    SecretMetadata update(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestParam @Pattern(regexp = SCOPE, message = SCOPE_MESSAGE) String scope,
            @RequestBody SecretInput input) {
        if (input.name() != null || input.scope() != null) {
            throw SecretException.invalidField(input.name() != null ? "name" : "scope",
                    "comes from the URL; send only value and description");
        }
        return secrets.update(name, scope, input, Caller.current());
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = NAME, message = NAME_MESSAGE) String name,
            @RequestParam @Pattern(regexp = SCOPE, message = SCOPE_MESSAGE) String scope) {
        secrets.delete(name, scope, Caller.current());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/rotate-key")
    SecretService.RotationResult rotate() {
        return secrets.rotate(Caller.current());
    }
}
