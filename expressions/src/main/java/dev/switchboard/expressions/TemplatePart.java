package dev.switchboard.expressions;

import java.util.List;

/** A piece of a template string: literal text, a {@code <<path>>} lookup or a {@code <<(sourceData) => …>>} script. */
public sealed interface TemplatePart {

    record Literal(String text) implements TemplatePart {
    }

    /** {@code <<users.data.0.id>>}: {@code segments} are the dot-separated keys and indexes. */
    record PathLookup(String path, List<String> segments) implements TemplatePart {
    }

    /** {@code <<(sourceData) => …>>}: a JavaScript function of sourceData. */
    record Script(String source) implements TemplatePart {
    }
}
