package dev.switchboard.contracts.event;

/** Per-run options; {@code webhookUrl} may also be {@code tool:<toolId>} for chaining. */
public record RunOptions(Long timeoutMs, String webhookUrl, boolean async) {
}
