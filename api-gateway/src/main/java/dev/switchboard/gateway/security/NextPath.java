package dev.switchboard.gateway.security;

import java.net.URI;

/**
 * Where a sign-in may send the browser afterwards: a path of this console, nothing else. An open
 * redirect through {@code ?next=} would lend the deployment's name to a phishing page.
 */
final class NextPath {

    static final String DEFAULT = "/runs";

    private NextPath() {
    }

    static String of(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            return DEFAULT;
        }
        try {
            URI uri = URI.create(next);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null
                    || uri.getRawPath().equals("/login") || uri.getRawPath().startsWith("/login/")) {
                return DEFAULT;
            }
            return next;
        } catch (IllegalArgumentException e) {
            return DEFAULT;
        }
    }
}
