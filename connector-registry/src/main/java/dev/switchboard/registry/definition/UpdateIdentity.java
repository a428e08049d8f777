package dev.switchboard.registry.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * What a PUT body must agree on with its URL: the identity fields, if given, match it, and the
 * version read is sent, so a change made since is not overwritten.
 */
public final class UpdateIdentity {

    private UpdateIdentity() {
    }

    /**
     * @param identity pairs of (field, value in the URL, value in the body), e.g. "namespace", "acme", null
     */
    public static void check(Long version, String... identity) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i + 2 < identity.length; i += 3) {
            String field = identity[i];
            String inUrl = identity[i + 1];
            String inBody = identity[i + 2];
            if (inBody != null && !inBody.equals(inUrl)) {
                errors.add(FieldError.of(field, "must match the URL ('" + inUrl + "'); to rename, create a new one"
                        + " and delete this one"));
            }
        }
        if (version == null) {
            errors.add(FieldError.of("version", "is required: send the version you read, so a change made since"
                    + " is not overwritten"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
    }
}
