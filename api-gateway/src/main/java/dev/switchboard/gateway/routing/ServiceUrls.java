package dev.switchboard.gateway.routing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where each service listens; env vars like {@code SWITCHBOARD_SERVICES_REGISTRY_URL} in production. */
@ConfigurationProperties("switchboard.services")
public record ServiceUrls(
        @DefaultValue("http://localhost:8081") URI registryUrl,
        @DefaultValue("http://localhost:8082") URI secretsUrl,
        @DefaultValue("http://localhost:8083") URI orchestratorUrl,
        @DefaultValue("http://localhost:8084") URI executorUrl) {

    /** Service name → base URL, in the order health and docs list them. */
    public Map<String, URI> byName() {
        Map<String, URI> byName = new LinkedHashMap<>();
        byName.put("registry", registryUrl);
        byName.put("secrets", secretsUrl);
        byName.put("orchestrator", orchestratorUrl);
        byName.put("executor", executorUrl);
        return byName;
    }
}
