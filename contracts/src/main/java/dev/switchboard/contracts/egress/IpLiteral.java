package dev.switchboard.contracts.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses IP literals without ever asking DNS. {@code InetAddress.getByName} would look a name up,
 * so only text that can be nothing but a literal reaches it: a dotted quad, which it parses
 * itself, or text with a colon, which it takes for IPv6 and never resolves (an invalid one fails
 * there). Anything else, including the ambiguous forms {@code 127.1} and {@code 0177.0.0.1}, is
 * a host name for the resolver to answer.
 */
public final class IpLiteral {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.-]+)?");

    private IpLiteral() {
    }

    /** The address {@code text} (bare or in brackets) is a literal of, or empty for a host name. */
    public static Optional<InetAddress> parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(bare).matches() && !IPV6.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }
}
