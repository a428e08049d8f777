package dev.switchboard.contracts.event;

import java.util.List;

/**
 * Per-run options. {@code webhookUrl} is an http(s) URL that gets the result, or
 * {@code tool:<toolId>} to start that tool with the run's output; {@code chain} lists further
 * {@code tool:<toolId>} hops in order (B gets A's output, C gets B's); {@code chainOn} is
 * {@code success} (the default: a failed run ends its chain) or {@code any}. Events written
 * before chains existed have no {@code chain} and {@code chainOn}: null, as for a run without.
 */
public record RunOptions(Long timeoutMs, String webhookUrl, boolean async, List<String> chain, String chainOn) {

    public static final String CHAIN_ON_SUCCESS = "success";
    public static final String CHAIN_ON_ANY = "any";

    public RunOptions {
        chain = chain == null ? null : List.copyOf(chain);
    }

    /** Options of a run that starts no chain of its own. */
    public RunOptions(Long timeoutMs, String webhookUrl, boolean async) {
        this(timeoutMs, webhookUrl, async, null, null);
    }
}
