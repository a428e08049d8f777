package dev.switchboard.gateway.openapi;

import dev.switchboard.gateway.routing.ServiceUrls;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import reactor.util.function.Tuples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v3/api-docs}: the whole public API in one document, built from the services' own
 * documents on each request (cheap, and never stale after a service is redeployed).
 */
@RestController
class AggregatedApiDocs {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final ServiceUrls urls;
    private final WebClient client = WebClient.builder()
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    private final JsonMapper json;

    AggregatedApiDocs(ServiceUrls urls, JsonMapper json) {
        this.urls = urls;
        this.json = json;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ObjectNode> apiDocs() {
        Map<String, URI> documented = new LinkedHashMap<>(urls.byName());
        documented.remove("executor"); // no public API: reached only through Kafka
        return Flux.fromIterable(documented.entrySet())
                .concatMap(service -> fetch(service.getValue())
                        .map(document -> Tuples.of(service.getKey(), document))
                        .onErrorResume(error -> Mono.just(Tuples.of(service.getKey(), json.nullNode()))))
                .collectList()
                .map(this::merge);
    }

    private ObjectNode merge(List<Tuple2<String, JsonNode>> fetched) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (Tuple2<String, JsonNode> entry : fetched) {
            if (entry.getT2().isObject()) {
                documents.put(entry.getT1(), entry.getT2());
            } else {
                unavailable.add(entry.getT1());
            }
        }
        String version = getClass().getPackage().getImplementationVersion();
        return OpenApiMerger.merge(documents, unavailable, version == null ? "dev" : version);
    }

    private Mono<JsonNode> fetch(URI base) {
        return client.get().uri(base.resolve("/v3/api-docs")).retrieve().bodyToMono(String.class)
                .map(json::readTree)
                .timeout(TIMEOUT);
    }
}
