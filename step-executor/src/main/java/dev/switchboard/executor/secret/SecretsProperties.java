package dev.switchboard.executor.secret;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the secrets service's internal resolve endpoint is, the service credential for it, and
 * how long a resolved value may be reused (evicted earlier by {@code SecretChanged}).
 */
@ConfigurationProperties("switchboard.secrets")
record SecretsProperties(URI url, String serviceToken, @DefaultValue("30s") Duration cacheTtl,
        @DefaultValue("2s") Duration timeout) {

    @Override
    public String toString() {
        return "SecretsProperties[url=" + url + ", cacheTtl=" + cacheTtl + "]";
    }
}
