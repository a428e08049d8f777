package dev.switchboard.executor.pagination;

import dev.switchboard.contracts.event.StepError;
import dev.switchboard.expressions.ExpressionError;
import dev.switchboard.expressions.JavaScriptSandbox;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A step's {@code stopCondition}, {@code (response, pageInfo) => boolean}, run in the sandbox after
 * each page. {@code response} is {@code {data, headers, status}} with header names in lower case
 * (JavaScript lookups are case-sensitive, HTTP names are not) and repeated headers joined by
 * {@code ", "}; {@code pageInfo} is {@code {page, offset, cursor, totalFetched}}, where
 * {@code cursor} is the one this page was asked for and {@code totalFetched} includes this page.
 */
final class StopCondition {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JavaScriptSandbox javaScript;
    private final String function;

    StopCondition(JavaScriptSandbox javaScript, String function) {
        this.javaScript = javaScript;
        this.function = function;
    }

    /** Whether to stop after this page; anything but {@code true} or {@code false} fails the step. */
    boolean stopsAfter(PageResponse response, PagePosition position, int totalFetched) {
        JsonNode result;
        try {
            result = javaScript.call(function, responseArgument(response), pageInfo(position, totalFetched));
        } catch (ExpressionError e) {
            throw new PaginationFailure(new StepError(e.code(), "pagination.stopCondition failed: "
                    + e.getMessage(), null));
        }
        if (!result.isBoolean()) {
            // a truthy object or a typo returning undefined would otherwise page on to maxPages
            throw new PaginationFailure(new StepError(ExpressionError.ERROR, "pagination.stopCondition must return"
                    + " true or false, but returned " + describe(result), null));
        }
        return result.booleanValue();
    }

    private static ObjectNode responseArgument(PageResponse response) {
        ObjectNode argument = NODES.objectNode();
        argument.set("data", response.body());
        ObjectNode headers = argument.putObject("headers");
        for (Map.Entry<String, List<String>> header : response.headers().entrySet()) {
            headers.put(header.getKey().toLowerCase(Locale.ROOT), String.join(", ", header.getValue()));
        }
        argument.put("status", response.status());
        return argument;
    }

    private static ObjectNode pageInfo(PagePosition position, int totalFetched) {
        ObjectNode info = NODES.objectNode();
        info.put("page", position.page());
        info.put("offset", position.offset());
        info.set("cursor", position.hasCursor() ? position.cursor() : NODES.nullNode());
        info.put("totalFetched", totalFetched);
        return info;
    }

    private static String describe(JsonNode result) {
        String text = result.isNull() ? "nothing (null or undefined)" : result.toString();
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
