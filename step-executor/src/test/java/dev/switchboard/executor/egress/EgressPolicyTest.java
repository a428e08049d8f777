package dev.switchboard.executor.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy alone: it resolves and classifies, and has no way to connect anywhere. */
class EgressPolicyTest {

    private static final EgressProperties DENY = new EgressProperties(false, false, List.of());
    private static final EgressProperties ALLOW = new EgressProperties(true, false, List.of());

    private final FakeDns dns = new FakeDns()
            .answer("api.example.com", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
            .answer("mixed.example.com", "93.184.215.14", "10.0.0.7")
            .answer("localhost", "127.0.0.1", "::1")
            .answer("metadata.google.internal", "169.254.169.254");

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1", "http://127.0.0.1:8084/actuator", "http://[::1]/",
            "http://localhost/", "http://10.0.0.1", "http://172.16.0.1", "http://172.31.255.254",
            "http://192.168.1.1", "http://100.64.0.1", "http://100.127.255.254", "http://169.254.1.1",
            "http://0.0.0.0", "http://0.1.2.3", "http://[::]", "http://[fe80::1]", "http://[fd12:3456::1]",
            "http://[fc00::1]", "http://224.0.0.1", "http://[ff02::1]", "http://255.255.255.255",
            "http://[::ffff:127.0.0.1]", "http://[::ffff:10.0.0.1]", "http://[64:ff9b::a00:1]",
            "http://[::7f00:1]", "https://mixed.example.com/"})
    void refusesInternalDestinationsWhenPrivateEgressIsOff(String url) {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> new EgressPolicy(DENY, dns).check(URI.create(url)));

        assertThat(refused).as(url).isNotNull();
        assertThat(refused.code()).isEqualTo("EGRESS_DENIED");
        assertThat(refused.getMessage()).contains(URI.create(url).getHost()).contains("allow-private");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://[::ffff:169.254.169.254]/",
            "http://169.254.170.2/v2/credentials"})
    void refusesCloudMetadataEvenWhenPrivateEgressIsOn(String url) {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> new EgressPolicy(ALLOW, dns).check(URI.create(url)));

        assertThat(refused).as(url).isNotNull();
        assertThat(refused.getMessage()).contains("cloud metadata").contains("allow-metadata");
    }

    @Test
    void metadataIsCalledOnlyWithItsOwnFlag() {
        var policy = new EgressPolicy(new EgressProperties(false, true, List.of()), dns);

        assertThatCode(() -> policy.check(URI.create("http://169.254.169.254/"))).doesNotThrowAnyException();
        // the flag opens metadata only, not the link-local block around it
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> policy.check(URI.create("http://169.254.1.1/")))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/", "http://[::1]/", "http://localhost/", "http://10.0.0.1/",
            "http://192.168.0.10/", "http://[fd12::1]/", "http://169.254.1.1/"})
    void allowsInternalDestinationsWhenPrivateEgressIsOn(String url) {
        assertThatCode(() -> new EgressPolicy(ALLOW, dns).check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/v1/users?x=1", "http://93.184.215.14/", "http://8.8.8.8:53/",
            "http://[2606:4700:4700::1111]/", "http://172.32.0.1/", "http://100.128.0.1/"})
    void allowsPublicDestinations(String url) {
        assertThatCode(() -> new EgressPolicy(DENY, dns).check(URI.create(url))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x/file", "file:///etc/passwd", "gopher://127.0.0.1:6379/_FLUSHALL",
            "jar:file:/x.jar!/a", "mailto:ops@example.com", "//api.example.com/relative", "/just/a/path"})
    void refusesSchemesOtherThanHttpAndHttpsWithoutResolving(String url) {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> new EgressPolicy(ALLOW, dns).check(URI.create(url)));

        assertThat(refused).as(url).isNotNull();
        assertThat(refused.getMessage()).contains("http and https");
        assertThat(dns.lookups).hasValue(0);
    }

    @Test
    void refusesAUrlWithoutAHostItCanCheck() {
        // java.net.URI leaves the host of "my_service" unparsed, though an HTTP client may still dial it
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class,
                () -> new EgressPolicy(ALLOW, dns).check(URI.create("http://my_service:8080/x")));

        assertThat(refused.getMessage()).contains("no host");
    }

    @Test
    void theMessageNamesTheHostButNeverThePathOrQuery() {
        EgressDeniedException refused = catchThrowableOfType(EgressDeniedException.class, () -> new EgressPolicy(DENY,
                dns).check(URI.create("http://mixed.example.com/hooks/abc?token=s3cr3t&sig=xyz")));

        assertThat(refused.getMessage()).contains("'mixed.example.com' resolves to a private address")
                .doesNotContain("s3cr3t").doesNotContain("/hooks").doesNotContain("10.0.0.7");
    }

    @Test
    @Timeout(10)
    void aNameThatDoesNotResolveFailsCleanlyWithTheSystemResolver() {
        // .invalid is reserved never to resolve (RFC 6761): no network needed to get the answer
        EgressException failed = catchThrowableOfType(EgressException.class, () -> new EgressPolicy(DENY)
                .check(URI.create("https://api.payments-partner.invalid/v1/charges?key=s3cr3t")));

        assertThat(failed.code()).isEqualTo("HOST_NOT_FOUND");
        assertThat(failed.getMessage()).contains("api.payments-partner.invalid").doesNotContain("s3cr3t");
    }

    @Test
    void theSystemResolverRefusesLocalhost() {
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> new EgressPolicy(DENY).check(URI.create("http://localhost:8084/")))).isNotNull();
    }

    @Test
    void allowedAddressesOpenExactlyWhatTheyName() {
        var policy = new EgressPolicy(new EgressProperties(false, false,
                List.of("127.0.0.1", "10.20.0.0/16", "fd00:1::/32", "169.254.0.0/16")), dns);

        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:9000/"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://10.20.255.1/"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://[fd00:1:ffff::1]/"))).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> policy.check(URI.create("http://127.0.0.2/")))).isNotNull();
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> policy.check(URI.create("http://10.21.0.1/")))).isNotNull();
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> policy.check(URI.create("http://[fd00:2::1]/")))).isNotNull();
        // listing the block around it does not open metadata
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> policy.check(URI.create("http://169.254.169.254/")))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"intranet.corp", "10.0.0.0/33", "10.0.0.0/x", ""})
    void anAllowedAddressThatIsNotAnAddressStopsTheStart(String entry) {
        IllegalArgumentException invalid = catchThrowableOfType(IllegalArgumentException.class,
                () -> new EgressPolicy(new EgressProperties(false, false, List.of(entry)), dns));

        assertThat(invalid.getMessage()).contains("switchboard.egress.allowed-addresses");
        assertThat(dns.lookups).hasValue(0);
    }

    @Test
    void anIpv6AddressCarryingAnIpv4OneIsJudgedByTheIpv4One() throws UnknownHostException {
        // a resolver may hand back a mapped address as Inet6Address; the JDK's parser never does
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress v6 = Inet6Address.getByAddress(null, mapped, -1);
        var policy = new EgressPolicy(DENY, host -> List.of(v6));

        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(catchThrowableOfType(EgressDeniedException.class,
                () -> policy.check(URI.create("http://mapped.example.com/"))).getMessage())
                .contains("loopback");
    }
}
