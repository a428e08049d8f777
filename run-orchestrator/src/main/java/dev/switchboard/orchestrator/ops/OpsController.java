package dev.switchboard.orchestrator.ops;

import dev.switchboard.contracts.api.ListPage;
import dev.switchboard.orchestrator.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Topic and dead-letter operations for admins (docs/operations.md): lag per topic and group,
 * dead letters with their failure, and replay to the original topic. Everyone else gets 403.
 */
@RestController
class OpsController {

    private final TopicInspector topics;
    private final DeadLetters deadLetters;

    OpsController(TopicInspector topics, DeadLetters deadLetters) {
        this.topics = topics;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/ops/topics")
    Map<String, List<TopicView>> topics() {
        requireAdmin();
        return Map.of("data", topics.topics());
    }

    /** {@code topic} is a Switchboard topic or its DLT; either way the DLT is read. */
    @GetMapping("/api/v1/ops/dlt/{topic}")
    ListPage<DeadLetter> deadLetters(@PathVariable String topic,
            @RequestParam(defaultValue = "1") @Min(value = 1, message = "must be at least 1") int page,
            @RequestParam(defaultValue = "" + ListPage.DEFAULT_LIMIT)
                    @Min(value = 1, message = "must be between 1 and 100")
                    @Max(value = ListPage.MAX_LIMIT, message = "must be between 1 and 100") int limit) {
        requireAdmin();
        return deadLetters.list(topic, page, limit);
    }

    @PostMapping("/api/v1/ops/dlt/{topic}/replay")
    Map<String, List<DeadLetters.Replayed>> replay(@PathVariable String topic,
            @RequestBody(required = false) ReplayRequest request) {
        requireAdmin();
        return Map.of("replayed", deadLetters.replay(topic, request == null ? new ReplayRequest(null) : request));
    }

    private static void requireAdmin() {
        if (!Caller.current().admin()) {
            throw new AccessDeniedException("Topic and dead-letter operations are for admins.");
        }
    }
}
