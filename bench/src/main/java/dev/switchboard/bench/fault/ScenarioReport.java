package dev.switchboard.bench.fault;

import java.util.List;
import java.util.Map;

/**
 * What one fault scenario came to. {@code lost} are accepted runs that reached no final state
 * within the wait; a duplicate call is a target call beyond the first with the same
 * Idempotency-Key; it is <em>explained</em> when its key's first call began before the platform had
 * recovered from the fault (it was in flight, or its completion was) or when the key was answered
 * 503 (the executor's retry). {@code idempotentDuplicates} holds when every duplicate is explained
 * and every call carried a key.
 *
 * @param scenario          e.g. {@code kill -9 orchestrator}
 * @param runsAccepted      runs the platform took (a 202, or found afterwards though the answer was lost)
 * @param runsRefused       submissions the platform did not take
 * @param finishedByStatus  final status → runs
 * @param errorsByCode      error code → runs that ended with it (why the failed ones failed)
 * @param runsLost          accepted runs without a final state
 * @param lostRunIds        the first of them, to look into
 * @param targetCalls       calls the target API received for these runs
 * @param duplicateCalls    calls beyond the first per Idempotency-Key
 * @param duplicateKeys     keys called more than once
 * @param unexplainedDuplicates duplicate calls neither in flight at the fault nor retried after a 503
 * @param callsWithoutKey   calls that carried no Idempotency-Key
 * @param idempotentDuplicates whether every duplicate is explained and keyed
 * @param webhooksExpected  accepted runs (each asked for a webhook)
 * @param webhooksDelivered runs with at least one webhook received
 * @param webhookRepeats    deliveries beyond the first per run (at-least-once, same Idempotency-Key)
 * @param badSignatures     deliveries whose signature did not match
 * @param recoverySeconds   fault to recovered (the new process ready, the broker listening, the 503 window over)
 * @param durationSeconds   first submission to the last run final
 */
record ScenarioReport(String scenario, int runsAccepted, int runsRefused, Map<String, Integer> finishedByStatus,
        Map<String, Integer> errorsByCode, int runsLost, List<String> lostRunIds, int targetCalls, int duplicateCalls, int duplicateKeys,
        int unexplainedDuplicates, int callsWithoutKey, boolean idempotentDuplicates, int webhooksExpected,
        int webhooksDelivered, int webhookRepeats, int badSignatures, double recoverySeconds,
        double durationSeconds) {

    /** Whether the scenario meets the acceptance: nothing lost, only idempotent duplicates, every webhook. */
    boolean passed() {
        return runsLost == 0 && idempotentDuplicates && webhooksDelivered == webhooksExpected && badSignatures == 0;
    }
}
