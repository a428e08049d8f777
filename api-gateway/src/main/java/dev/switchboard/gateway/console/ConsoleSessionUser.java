package dev.switchboard.gateway.console;

import java.util.List;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who the console is signed in as: what the pages need to show names and admin links. */
record ConsoleSessionUser(String sub, List<String> roles, boolean admin) {

    static ConsoleSessionUser of(Jwt jwt) {
        List<String> roles = jwt.hasClaim("roles") ? List.copyOf(jwt.getClaimAsStringList("roles")) : List.of();
        return new ConsoleSessionUser(jwt.getSubject(), roles, roles.contains("admin"));
    }
}
