package dev.switchboard.executor.call;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.contracts.event.StepRequested;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Makes one step's call over one protocol (HTTP, Postgres, FTP, SFTP). The step handler picks the
 * caller by the request's {@link StepKind}; it has already checked aborts and deadlines, and it
 * publishes the outcome. A caller never throws for a failed call: it returns a failed outcome with
 * a code and a message that holds no secret.
 */
public interface ProtocolCaller {

    StepKind kind();

    /**
     * {@code connector} is the registry snapshot of the request's connector, if it names one;
     * {@code credentials} the run's own, opened from the step's sealed credentials.
     */
    StepOutcome call(StepRequested step, Optional<JsonNode> connector, Map<String, String> credentials);
}
