package dev.switchboard.registry.openapi;

import dev.switchboard.contracts.egress.EgressRefusal;
import dev.switchboard.contracts.egress.EgressRules;
import dev.switchboard.contracts.egress.HostResolver;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which URLs the registry may fetch a spec from (ARCHITECTURE §6): the shared {@link EgressRules}
 * — http(s) only, no private, loopback, link-local or otherwise internal address unless the
 * deployment allows it ({@code switchboard.egress.allow-private}, on in the standalone), and never
 * a cloud metadata address. ADR 005's race stays: the JDK client resolves again when it connects.
 */
@Component
class EgressPolicy {

    private final EgressRules rules;

    EgressPolicy(@Value("${switchboard.egress.allow-private:false}") boolean allowPrivate) {
        this.rules = new EgressRules(allowPrivate, false, List.of(), HostResolver.SYSTEM);
    }

    /** Throws {@link SpecFetchException} naming why {@code uri} may not be fetched. */
    void check(URI uri) {
        try {
            rules.check(uri);
        } catch (EgressRefusal refusal) {
            throw new SpecFetchException(refusal.getMessage());
        }
    }
}
