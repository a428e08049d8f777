package dev.switchboard.bench.fault;

/** One webhook POST the receiver got: the run it names and whether its signature was right. */
record WebhookDelivery(String runId, boolean signatureValid) {
}
