package dev.switchboard.gateway.console;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few top-level fields a console nudge needs, read by streaming over an event's JSON: a step's
 * data and response, often kilobytes, are skipped, not built into a tree, for every step of the
 * cluster while a console page listens.
 */
record RunEventFields(String runId, String toolId, String status, String stepId, int itemIndex, boolean success,
        String userId) {

    /** Null when the record is not a JSON object with a runId (such records are dead-lettered anyway). */
    static RunEventFields read(JsonMapper json, byte[] value) {
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String runId = null;
            String toolId = null;
            String status = null;
            String stepId = null;
            int itemIndex = 0;
            boolean success = false;
            String userId = null;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (name) {
                    case "runId" -> runId = text(parser, token);
                    case "toolId" -> toolId = text(parser, token);
                    case "status" -> status = text(parser, token);
                    case "stepId" -> stepId = text(parser, token);
                    case "itemIndex" -> itemIndex = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "success" -> success = token == JsonToken.VALUE_TRUE;
                    case "trigger" -> userId = token == JsonToken.START_OBJECT ? userIdIn(parser) : userId;
                    case "userId" -> userId = text(parser, token); // StepCompleted's own
                    default -> parser.skipChildren();
                }
            }
            return runId == null ? null : new RunEventFields(runId, toolId, status, stepId, itemIndex, success, userId);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private static String userIdIn(JsonParser trigger) {
        String userId = null;
        while (trigger.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = trigger.currentName();
            JsonToken token = trigger.nextToken();
            if (name.equals("userId")) {
                userId = text(trigger, token);
            } else {
                trigger.skipChildren();
            }
        }
        return userId;
    }

    private static String text(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }
}
