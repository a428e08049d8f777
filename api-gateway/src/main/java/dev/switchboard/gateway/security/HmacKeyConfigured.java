package dev.switchboard.gateway.security;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** True when an HS256 key is configured either as a file or as text. */
class HmacKeyConfigured extends AnyNestedCondition {

    HmacKeyConfigured() {
        super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "switchboard.security.jwt", name = "hmac-key-file")
    static class KeyFile {
    }

    @ConditionalOnProperty(prefix = "switchboard.security.jwt", name = "hmac-key")
    static class KeyText {
    }
}
