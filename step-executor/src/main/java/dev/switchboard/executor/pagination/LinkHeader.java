package dev.switchboard.executor.pagination;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code rel="next"} target of RFC 8288 {@code Link} headers, as GitHub, GitLab and many
 * others page: {@code <https://api.example.com/items?page=2>; rel="next", <…>; rel="last"}. A
 * header may list several links, several headers may each carry some, and {@code rel} may hold
 * several space-separated relations or be unquoted.
 */
final class LinkHeader {

    /** One link: the target in angle brackets, then its parameters up to the next link. */
    private static final Pattern LINK = Pattern.compile(
            "<([^>]*)>((?:\\s*;\\s*[^;,<=]+(?:=(?:\"[^\"]*\"|[^;,]*))?)*)");
    private static final Pattern REL = Pattern.compile("(?i)(?:^|;)\\s*rel\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

    private LinkHeader() {
    }

    static Optional<String> next(List<String> headerValues) {
        for (String value : headerValues) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                Matcher rel = REL.matcher(link.group(2));
                if (rel.find()) {
                    String relations = rel.group(1) != null ? rel.group(1) : rel.group(2);
                    for (String relation : relations.toLowerCase(Locale.ROOT).trim().split("\\s+")) {
                        if (relation.equals("next") && !link.group(1).isBlank()) {
                            return Optional.of(link.group(1).trim());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }
}
