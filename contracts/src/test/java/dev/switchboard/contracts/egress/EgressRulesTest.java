package dev.switchboard.contracts.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared rules without any HTTP client (the executor's EgressPolicyTest covers them in depth
 * through its policy): literals are parsed without DNS, names are resolved and every address judged.
 */
class EgressRulesTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final HostResolver dns = host -> {
        lookups.incrementAndGet();
        return switch (host) {
            case "api.example.com" -> List.of(IpLiteral.parse("93.184.215.14").orElseThrow());
            case "mixed.example.com" -> List.of(IpLiteral.parse("93.184.215.14").orElseThrow(),
                    IpLiteral.parse("10.0.0.7").orElseThrow());
            default -> throw new UnknownHostException(host);
        };
    };

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "::1", "10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a00:1",
            "169.254.169.254", "2606:4700:4700::1111"})
    void ipLiteralsAreParsedWithoutAskingDns(String text) {
        assertThat(IpLiteral.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "api.example.com", "127.1", "0177.0.0.1", "1.2.3.256", "1:2:3", ""})
    void namesAndAmbiguousFormsAreNotLiterals(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }

    @Test
    void aNameIsRefusedIfAnyOfItsAddressesIsInternal() {
        EgressRules rules = new EgressRules(false, false, List.of(), dns);

        assertThatCode(() -> rules.check(URI.create("https://api.example.com/hook"))).doesNotThrowAnyException();
        EgressRefusal refused = catchThrowableOfType(EgressRefusal.class,
                () -> rules.check(URI.create("https://mixed.example.com/hook?token=s3cr3t")));
        assertThat(refused.code()).isEqualTo(EgressRefusal.EGRESS_DENIED);
        assertThat(refused.getMessage()).contains("'mixed.example.com' resolves to a private address")
                .doesNotContain("s3cr3t").doesNotContain("10.0.0.7");
    }

    @Test
    void allowPrivateOpensEverythingButMetadata() throws UnknownHostException {
        EgressRules rules = new EgressRules(true, false, List.of(), dns);

        assertThat(rules.resolveAllowed("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(catchThrowableOfType(EgressRefusal.class, () -> rules.check(URI.create("http://169.254.169.254/")))
                .getMessage()).contains("cloud metadata");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void anUnknownHostAndAWrongSchemeAreRefusedWithTheirOwnCodes() {
        EgressRules rules = new EgressRules(true, false, List.of(), dns);

        assertThat(catchThrowableOfType(EgressRefusal.class, () -> rules.check(URI.create("http://nowhere.test/")))
                .code()).isEqualTo(EgressRefusal.HOST_NOT_FOUND);
        EgressRefusal scheme = catchThrowableOfType(EgressRefusal.class,
                () -> rules.check(URI.create("file:///etc/passwd")));
        assertThat(scheme.code()).isEqualTo(EgressRefusal.EGRESS_DENIED);
        assertThat(scheme.getMessage()).contains("http and https");
    }
}
