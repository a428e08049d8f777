package dev.switchboard.executor.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The policy as Spring builds it from {@code switchboard.egress.*}. */
class EgressPropertiesTest {

    @Configuration
    @EnableConfigurationProperties(EgressProperties.class)
    @Import({EgressPolicy.class, RedirectFollower.class})
    static class Egress {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Egress.class);

    @Test
    void privateEgressIsOffUnlessConfigured() {
        context.run(ctx -> {
            assertThat(ctx).hasNotFailed().hasSingleBean(RedirectFollower.class);
            assertThat(ctx.getBean(EgressProperties.class)).isEqualTo(
                    new EgressProperties(false, false, java.util.List.of()));
            assertThat(catchThrowableOfType(EgressDeniedException.class,
                    () -> ctx.getBean(EgressPolicy.class).check(URI.create("http://127.0.0.1/")))).isNotNull();
        });
    }

    @Test
    void theStandaloneSettingAllowsLoopback() {
        context.withPropertyValues("switchboard.egress.allow-private=true").run(ctx ->
                assertThatCode(() -> ctx.getBean(EgressPolicy.class).check(URI.create("http://127.0.0.1/")))
                        .doesNotThrowAnyException());
    }

    @Test
    void allowedAddressesBindFromACommaSeparatedList() {
        context.withPropertyValues("switchboard.egress.allowed-addresses=10.9.0.0/16, 127.0.0.1").run(ctx -> {
            EgressPolicy policy = ctx.getBean(EgressPolicy.class);
            assertThatCode(() -> policy.check(URI.create("http://10.9.1.1/"))).doesNotThrowAnyException();
            assertThatCode(() -> policy.check(URI.create("http://127.0.0.1/"))).doesNotThrowAnyException();
            assertThat(catchThrowableOfType(EgressDeniedException.class,
                    () -> policy.check(URI.create("http://10.8.1.1/")))).isNotNull();
        });
    }

    @Test
    void aMistypedAllowedAddressStopsTheStart() {
        context.withPropertyValues("switchboard.egress.allowed-addresses=intranet.corp").run(ctx ->
                assertThat(ctx).hasFailed().getFailure().rootCause().hasMessageContaining("intranet.corp"));
    }
}
