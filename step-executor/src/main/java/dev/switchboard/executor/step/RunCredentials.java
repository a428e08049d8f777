package dev.switchboard.executor.step;

import dev.switchboard.contracts.event.StepRequested;
import dev.switchboard.contracts.transit.CredentialSeal;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opens a step's sealed per-run credentials with the transit key shared with the orchestrator
 * ({@code switchboard.transit.key}). Without a key, runs can still use stored secrets; a run that
 * carries credentials then fails its steps instead of silently calling without them.
 */
@Component
class RunCredentials {

    private final CredentialSeal seal;
    private final Clock clock;

    RunCredentials(@Value("${switchboard.transit.key:}") String key, Clock clock) {
        this.seal = key.isBlank() ? null : CredentialSeal.withKey(key);
        this.clock = clock;
    }

    /** @throws CredentialSeal.SealException when they cannot be opened */
    Map<String, String> open(StepRequested step) {
        if (step.sealedCredentials() == null || step.sealedCredentials().isBlank()) {
            return Map.of();
        }
        if (seal == null) {
            throw new CredentialSeal.SealException("this executor has no transit key (switchboard.transit.key) to"
                    + " open the run's credentials");
        }
        return seal.open(step.runId(), step.sealedCredentials(), clock.instant());
    }
}
