package dev.switchboard.gateway.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Prefix routes without rewriting: services serve the public paths themselves
 * (docs/adr/003). The caller's Authorization header passes through; services validate it too.
 */
@Configuration
class ApiRoutes {

    @Bean
    RouteLocator publicApiRoutes(RouteLocatorBuilder routes, ServiceUrls urls) {
        return routes.routes()
                // running a tool is the orchestrator's, though the rest of /tools is the registry's
                .route("tool-runs", r -> r.order(-1).path("/api/v1/tools/*/run").uri(urls.orchestratorUrl()))
                // so is testing a connector's operation: it is a one-step run
                .route("connector-tests", r -> r.order(-1).path("/api/v1/connectors/*/*/test/*")
                        .uri(urls.orchestratorUrl()))
                // an agent's tool calls and MCP endpoint run operations: the orchestrator's (the rest of
                // /agents, including GET .../tools, is the registry's)
                .route("agent-calls", r -> r.order(-1).path("/api/v1/agents/*/*/tool-calls", "/api/v1/agents/*/*/mcp")
                        .uri(urls.orchestratorUrl()))
                .route("registry", r -> r.path("/api/v1/connectors", "/api/v1/connectors/**", "/api/v1/tools",
                        "/api/v1/tools/**", "/api/v1/agents", "/api/v1/agents/**").uri(urls.registryUrl()))
                .route("secrets", r -> r.path("/api/v1/secrets", "/api/v1/secrets/**").uri(urls.secretsUrl()))
                .route("orchestrator", r -> r.path("/api/v1/runs", "/api/v1/runs/**", "/api/v1/executions",
                        "/api/v1/executions/**").uri(urls.orchestratorUrl()))
                // topic and dead-letter operations (admin only, checked by the orchestrator)
                .route("ops", r -> r.path("/api/v1/ops/**").uri(urls.orchestratorUrl()))
                .build();
    }
}
