package dev.switchboard.secrets.crypto;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key ring. {@code keys} maps a key id to a base64 256-bit key (from the environment or a
 * Kubernetes Secret: {@code SWITCHBOARD_SECRETS_KEYS_K2026A=…}); {@code keyFile} is a file of
 * {@code id=base64} lines (the standalone writes one, mode 0600). {@code activeKeyId} encrypts new
 * values; when unset, the greatest id does, so ids that sort by date rotate naturally.
 */
@ConfigurationProperties("switchboard.secrets")
public record SecretsKeyProperties(Map<String, String> keys, Path keyFile, String activeKeyId) {
}
