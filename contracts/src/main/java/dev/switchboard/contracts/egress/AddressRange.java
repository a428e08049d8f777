package dev.switchboard.contracts.egress;

import java.net.InetAddress;

/** An address or a CIDR block from {@code switchboard.egress.allowed-addresses}. */
public record AddressRange(InetAddress network, int prefixLength) {

    /** @throws IllegalArgumentException naming {@code switchboard.egress.allowed-addresses} and the entry */
    public static AddressRange parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress network = IpLiteral.parse(address).orElseThrow(() -> new IllegalArgumentException(
                "switchboard.egress.allowed-addresses: '" + text + "' is not an IP address or CIDR block"));
        int bits = network.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("switchboard.egress.allowed-addresses: '" + text
                    + "' has an invalid prefix length");
        }
        return new AddressRange(network, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }
}
