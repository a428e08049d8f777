package dev.switchboard.executor.egress;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Optional;

/** Parses IP literals without ever asking DNS, which {@code InetAddress.getByName} would. */
final class IpLiteral {

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        return Optional.ofNullable(NetUtil.createInetAddressFromIpAddressString(bare));
    }
}
