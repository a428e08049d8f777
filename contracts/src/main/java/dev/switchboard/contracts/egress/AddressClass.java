package dev.switchboard.contracts.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * What kind of destination an address is, as far as SSRF goes. Everything but {@link #PUBLIC}
 * reaches something inside the deployment's own network (or the host itself) rather than the
 * internet; {@link #METADATA} is singled out because it hands out cloud credentials.
 */
public enum AddressClass {

    PUBLIC("a public address"),
    METADATA("a cloud metadata address"),
    LOOPBACK("a loopback address"),
    PRIVATE("a private address"),
    LINK_LOCAL("a link-local address"),
    CARRIER_NAT("a carrier-grade NAT address"),
    ANY_LOCAL("the unspecified address"),
    MULTICAST("a multicast address"),
    RESERVED("a reserved address");

    private static final List<InetAddress> METADATA_ADDRESSES = List.of(
            literal("169.254.169.254"), // AWS, GCP, Azure, OpenStack
            literal("169.254.170.2"), // AWS ECS task credentials
            literal("100.100.100.200"), // Alibaba Cloud
            literal("fd00:ec2::254")); // AWS over IPv6

    private final String description;

    AddressClass(String description) {
        this.description = description;
    }

    /** How a refusal names this kind of address, e.g. {@code a private address}. */
    public String description() {
        return description;
    }

    public static AddressClass of(InetAddress address) {
        if (METADATA_ADDRESSES.contains(address)) {
            return METADATA;
        }
        if (address instanceof Inet6Address v6) {
            // an IPv6 form that carries an IPv4 address ends up at that IPv4 address
            Inet4Address embedded = embeddedIpv4(v6.getAddress());
            return embedded != null ? of(embedded) : ofIpv6(v6);
        }
        return ofIpv4(address);
    }

    private static AddressClass ofIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (address.isAnyLocalAddress()) {
            return ANY_LOCAL;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isSiteLocalAddress()) {
            return PRIVATE;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return MULTICAST;
        }
        if (first == 100 && second >= 64 && second < 128) {
            return CARRIER_NAT;
        }
        // 0/8 reaches the local host on Linux; 192.0.0/24 protocol assignments; 198.18/15
        // benchmarking; 240/4 reserved, including the broadcast address
        if (first == 0 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second == 18 || second == 19)) || first >= 240) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressClass ofIpv6(Inet6Address address) {
        byte[] b = address.getAddress();
        if (address.isAnyLocalAddress()) {
            return ANY_LOCAL;
        }
        if (address.isLoopbackAddress()) {
            return LOOPBACK;
        }
        if (address.isLinkLocalAddress()) {
            return LINK_LOCAL;
        }
        if (address.isMulticastAddress()) {
            return MULTICAST;
        }
        if ((b[0] & 0xfe) == 0xfc || address.isSiteLocalAddress()) { // fc00::/7 unique local, fec0::/10
            return PRIVATE;
        }
        if (isZero(b, 0, 8) && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0) {
            return RESERVED; // the rest of ::/96 (IPv4-compatible forms are handled as IPv4)
        }
        return PUBLIC;
    }

    /**
     * The IPv4 address inside an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96) or NAT64
     * (64:ff9b::/96) address, or null. The JDK turns mapped literals into {@link Inet4Address}
     * itself, but an address built from bytes (as a resolver may) stays IPv6.
     */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean mapped = isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = isZero(b, 0, 12) && !isZero(b, 12, 16) && !(isZero(b, 12, 15) && b[15] == 1);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && isZero(b, 4, 12);
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String address) {
        return IpLiteral.parse(address).orElseThrow();
    }
}
