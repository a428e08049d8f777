package dev.switchboard.orchestrator.launch;

import dev.switchboard.contracts.event.Trigger;
import dev.switchboard.contracts.event.TriggerType;
import dev.switchboard.contracts.registry.RegistryView;
import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.RunExistsException;
import dev.switchboard.orchestrator.security.Caller;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Starts the next run of a chain (ARCHITECTURE §6) the way any run starts: stored first, then
 * RunRequested, with the parent's output as its inputs, checked against the tool's inputSchema.
 * The child's runId is fixed by the caller, so starting the same hop twice (a redelivered
 * RunFinished, a retry after a crash) finds the run already there instead of starting another.
 */
@Service
public class ChainedRunStarter {

    private final RunLauncher launcher;
    private final RegistryView registry;

    ChainedRunStarter(RunLauncher launcher, RegistryView registry) {
        this.launcher = launcher;
        this.registry = registry;
    }

    /**
     * One hop to start.
     *
     * @param ancestorToolIds the tools of every run before the child, first run first
     * @param webhookUrl the child's webhookUrl (the chain's final URL, or null)
     * @param chain the hops after the child, or null when it ends the given chain
     */
    public record Hop(String childRunId, String toolId, JsonNode inputs, String userId, String chatId,
            String parentRunId, int chainDepth, List<String> ancestorToolIds, String traceId, String webhookUrl,
            List<String> chain, String chainOn) {
    }

    /** What became of a hop: started (now or before), refused for good, or to be tried again. */
    public record Outcome(boolean started, String refusal, String transientError) {

        static Outcome begun() {
            return new Outcome(true, null, null);
        }

        static Outcome refused(String reason) {
            return new Outcome(false, reason, null);
        }

        static Outcome tryAgain(String error) {
            return new Outcome(false, null, error);
        }
    }

    public Outcome start(Hop hop) throws InterruptedException {
        if (!registry.isCaughtUp()) {
            // never wait here: the hop is retried, and an unknown tool now would be a wrong refusal
            return Outcome.tryAgain("the registry view is still loading");
        }
        Optional<JsonNode> tool = registry.tool(hop.toolId());
        if (tool.isEmpty()) {
            return Outcome.refused("no tool '" + hop.toolId() + "'");
        }
        RunRequest request = new RunRequest(hop.childRunId(), hop.inputs(), Map.of(), true, null, hop.webhookUrl(),
                hop.traceId(), hop.chain(), hop.chainOn());
        Trigger trigger = new Trigger(TriggerType.CHAIN, hop.userId(), hop.chatId(), null, hop.parentRunId(),
                hop.chainDepth(), hop.ancestorToolIds());
        try {
            // the chain runs as whoever started its first run; their own token does not travel on
            launcher.launch(tool.get(), request, new Caller(hop.userId(), false, null), hop.traceId(), trigger);
            return Outcome.begun();
        } catch (RunExistsException already) {
            return Outcome.begun();
        } catch (InvalidRunRequestException invalid) {
            return Outcome.refused("tool '" + hop.toolId() + "' does not take this run's output as its inputs: "
                    + invalid.errors().stream().map(e -> e.field() + " " + e.message())
                            .collect(Collectors.joining("; ")));
        }
    }
}
