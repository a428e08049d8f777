package dev.switchboard.bench.fault;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Counts what a scenario's records come to ({@link ScenarioReport}): kept apart from the harness so
 * the accounting of lost runs and duplicates is tested on its own.
 */
final class ScenarioTally {

    private static final int LOST_IDS_SHOWN = 20;

    private ScenarioTally() {
    }

    /**
     * @param accepted        the runs the platform took
     * @param finalStatus     runId → final status, for the runs seen final
     * @param errorCodes      runId → the error code of a run that ended with one
     * @param calls           the target calls of this scenario's runs
     * @param deliveries      the webhooks of this scenario's runs
     * @param recoveredAtNanos when the platform had recovered from the fault ({@link System#nanoTime()})
     */
    static ScenarioReport tally(String scenario, Set<String> accepted, int refused, Map<String, String> finalStatus,
            Map<String, String> errorCodes, Collection<TargetCall> calls, Collection<WebhookDelivery> deliveries, long recoveredAtNanos,
            double recoverySeconds, double durationSeconds) {
        Map<String, Integer> byStatus = new TreeMap<>();
        accepted.stream().map(finalStatus::get).filter(status -> status != null)
                .forEach(status -> byStatus.merge(status, 1, Integer::sum));
        Map<String, Integer> byError = new TreeMap<>();
        accepted.stream().filter(finalStatus::containsKey).map(errorCodes::get).filter(code -> code != null)
                .forEach(code -> byError.merge(code, 1, Integer::sum));
        List<String> lost = accepted.stream().filter(id -> !finalStatus.containsKey(id)).sorted().toList();

        int withoutKey = (int) calls.stream().filter(call -> call.idempotencyKey() == null).count();
        Map<String, List<TargetCall>> byKey = calls.stream().filter(call -> call.idempotencyKey() != null)
                .collect(Collectors.groupingBy(TargetCall::idempotencyKey));
        int duplicates = 0;
        int duplicateKeys = 0;
        int unexplained = 0;
        for (List<TargetCall> sameKey : byKey.values()) {
            if (sameKey.size() < 2) {
                continue;
            }
            duplicateKeys++;
            duplicates += sameKey.size() - 1;
            boolean retriedAfter503 = sameKey.stream().anyMatch(call -> call.status() == 503);
            long firstStarted = sameKey.stream().mapToLong(TargetCall::startedAtNanos).min().orElseThrow();
            boolean inFlightAtFault = firstStarted - recoveredAtNanos < 0;
            if (!retriedAfter503 && !inFlightAtFault) {
                unexplained += sameKey.size() - 1;
            }
        }

        Map<String, Long> perRun = deliveries.stream().filter(delivery -> delivery.runId() != null)
                .collect(Collectors.groupingBy(WebhookDelivery::runId, Collectors.counting()));
        int delivered = (int) perRun.keySet().stream().filter(accepted::contains).count();
        int repeats = (int) perRun.values().stream().mapToLong(count -> count - 1).sum();
        int badSignatures = (int) deliveries.stream().filter(delivery -> !delivery.signatureValid()).count();

        return new ScenarioReport(scenario, accepted.size(), refused, byStatus, byError, lost.size(),
                lost.stream().limit(LOST_IDS_SHOWN).toList(), calls.size(), duplicates, duplicateKeys, unexplained,
                withoutKey, unexplained == 0 && withoutKey == 0, accepted.size(), delivered, repeats, badSignatures,
                recoverySeconds, durationSeconds);
    }

    /** Calls and deliveries of one scenario's runs, picked out by their runs' id prefix. */
    static <T> List<T> ofRuns(Collection<T> records, Function<T, String> runId, String prefix) {
        return records.stream().filter(record -> {
            String id = runId.apply(record);
            return id != null && id.startsWith(prefix);
        }).toList();
    }
}
