package dev.switchboard.orchestrator.webhook;

import dev.switchboard.contracts.egress.EgressRules;
import dev.switchboard.contracts.egress.HostResolver;
import dev.switchboard.orchestrator.run.RunStore;
import java.time.Clock;
import java.util.List;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks and chaining (docs/webhooks.md, ADR 015). The HTTP client is Apache's classic one on
 * virtual threads: its resolver is the only way from a host name to an address, so the egress rules
 * judge the very addresses it connects to, as reactor-netty's guard does in the executor.
 */
@Configuration
@EnableConfigurationProperties({WebhookProperties.class, EgressSettings.class})
class WebhookConfig {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookConfig.class);

    @Bean
    EgressRules webhookEgressRules(EgressSettings egress) {
        return new EgressRules(egress.allowPrivate(), egress.allowMetadata(),
                egress.allowedAddresses() == null ? List.of() : egress.allowedAddresses(), HostResolver.SYSTEM);
    }

    @Bean(destroyMethod = "close")
    CloseableHttpClient webhookHttpClient(WebhookProperties properties, EgressRules webhookEgressRules) {
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                .setSocketTimeout(Timeout.of(properties.responseTimeout()))
                .build();
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new EgressDnsResolver(webhookEgressRules))
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnTotal(properties.maxInFlight())
                        .setMaxConnPerRoute(properties.maxInFlight())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.responseTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                // a redirect is the receiver's answer, never a hop; retries are ours, recorded one by one
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Switchboard-Webhooks/1")
                .build();
    }

    @Bean
    WebhookSender webhookSender(CloseableHttpClient webhookHttpClient, EgressRules webhookEgressRules,
            WebhookProperties properties, Clock clock) {
        byte[] secret = properties.secret();
        if (secret == null) {
            LOG.warn("no webhook signing secret (switchboard.webhooks.signing-secret or -file): webhook URLs will"
                    + " not be called; chains still run");
        }
        return new WebhookSender(webhookHttpClient, webhookEgressRules,
                secret == null ? null : new WebhookSignature(secret), clock);
    }

    @Bean
    DeliveryPlanner deliveryPlanner(JsonMapper json) {
        return new DeliveryPlanner(json);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(DeliveryStore store, WebhookSender webhookSender, ChainHops chainHops,
            WebhookMetrics metrics, WebhookProperties properties, Clock clock) {
        return new WebhookDispatcher(store, webhookSender, chainHops, metrics, properties, clock);
    }

    @Bean
    LocalHandoff webhookHandoff(DeliveryPlanner deliveryPlanner, WebhookDispatcher webhookDispatcher, Clock clock) {
        return new LocalHandoff(deliveryPlanner, webhookDispatcher, clock);
    }

    @Bean
    WebhookListener webhookListener(RunStore runs, DeliveryStore store, LocalHandoff webhookHandoff,
            DeliveryPlanner deliveryPlanner, WebhookDispatcher webhookDispatcher, WebhookProperties properties,
            Clock clock) {
        return new WebhookListener(runs, store, webhookHandoff, deliveryPlanner, webhookDispatcher, clock,
                properties.maxAge());
    }

    @Bean
    WebhookPoller webhookPoller(WebhookDispatcher webhookDispatcher) {
        return new WebhookPoller(webhookDispatcher);
    }

    @Bean
    DeliveryFollowUps deliveryFollowUps(DeliveryStore store) {
        return new DeliveryFollowUps(store);
    }
}
