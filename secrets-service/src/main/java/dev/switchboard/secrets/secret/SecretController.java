package dev.switchboard.secrets.secret;

import dev.switchboard.contracts.api.ListPage;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/secrets")
class SecretController {

    private final SecretCatalog catalog;

    SecretController(SecretCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    ListPage<SecretMetadata> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        return catalog.visibleTo(caller.getSubject(), page, limit);
    }
}
