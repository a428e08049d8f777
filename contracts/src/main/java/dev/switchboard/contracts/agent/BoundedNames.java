package dev.switchboard.contracts.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Shortens names that must fit a length (function-calling clients refuse names over 64
 * characters): the start of the name plus a hash of all of it, so the same name always gives the
 * same short one and two long names sharing a prefix still differ.
 */
public final class BoundedNames {

    private BoundedNames() {
    }

    public static String fit(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        return name.substring(0, max - 9) + "_" + sha256(name).substring(0, 8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
