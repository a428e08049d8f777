package dev.switchboard.registry.definition;

/**
 * One problem with one field of a request. {@code ref} names the item (e.g. {@code connector acme/crm})
 * when one request carries many, as apply does; it is null otherwise.
 */
public record FieldError(String ref, String field, String message) {

    public static FieldError of(String field, String message) {
        return new FieldError(null, field, message);
    }

    public FieldError in(String itemRef) {
        return new FieldError(itemRef, field, message);
    }
}
