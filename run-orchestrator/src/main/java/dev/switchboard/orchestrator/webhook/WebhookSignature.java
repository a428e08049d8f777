package dev.switchboard.orchestrator.webhook;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Switchboard-Signature: sha256=<hex>}: HMAC-SHA256 of the exact body bytes, keyed with
 * the deployment's signing secret, so a receiver can tell a delivery is ours and unchanged
 * (docs/webhooks.md shows how to check it). The secret stays in this object.
 */
final class WebhookSignature {

    static final String HEADER = "X-Switchboard-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    WebhookSignature(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[***]";
    }
}
