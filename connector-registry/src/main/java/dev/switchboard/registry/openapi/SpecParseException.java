package dev.switchboard.registry.openapi;

import java.util.List;

/** The text is not a usable OpenAPI or Swagger document; {@code messages} are the parser's. */
public class SpecParseException extends RuntimeException {

    private final transient List<String> messages;

    public SpecParseException(List<String> messages) {
        super("The document is not a usable OpenAPI 3.x or Swagger 2.0 specification.");
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
