package dev.switchboard.standalone;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The credential the executor presents to the secrets service's internal endpoint. In one JVM it
 * never needs to be written down: a fresh one per start, handed to both services in memory.
 */
final class ServiceToken {

    private ServiceToken() {
    }

    static String random() {
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }
}
