package dev.switchboard.orchestrator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.orchestrator.run.InvalidRunRequestException;
import dev.switchboard.orchestrator.run.InvalidRunRequestException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

class ToolCallTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ToolCall read(String body) {
        return ToolCall.read(JSON.readTree(body), JSON);
    }

    private static List<String> fields(String body) {
        try {
            read(body);
        } catch (InvalidRunRequestException e) {
            return e.errors().stream().map(FieldProblem::field).toList();
        }
        throw new AssertionError("expected the envelope to be refused: " + body);
    }

    @Test
    void argumentsMayBeAnObject() {
        ToolCall call = read("""
                {"toolCallId": "call_1", "chatId": "chat-9", "name": "connector__a__b__c",
                 "arguments": {"text": "hi", "n": 2}}""");

        assertThat(call.toolCallId()).isEqualTo("call_1");
        assertThat(call.chatId()).isEqualTo("chat-9");
        assertThat(call.name()).isEqualTo("connector__a__b__c");
        assertThat(call.arguments().toString()).isEqualTo("{\"text\":\"hi\",\"n\":2}");
    }

    @Test
    void argumentsMayBeAJsonStringAsOpenAiSendsThem() {
        ToolCall call = read("""
                {"toolCallId": "call_1", "name": "f", "arguments": "{\\"text\\": \\"hi\\", \\"nested\\": {\\"a\\": [1]}}"}""");

        assertThat(call.arguments().get("text").asString()).isEqualTo("hi");
        assertThat(call.arguments().get("nested").get("a").get(0).asInt()).isEqualTo(1);
        assertThat(call.chatId()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\"arguments\": null,", "\"arguments\": \"\",", "\"arguments\": \"  \","})
    void noArgumentsAreAnEmptyObject(String arguments) {
        ToolCall call = read("{" + arguments + " \"toolCallId\": \"c\", \"name\": \"f\"}");

        assertThat(call.arguments().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1, 2]", "42", "true", "\"[1]\"", "\"42\"", "\"{not json\"", "\"{\\\"a\\\": 1} trailing\""})
    void argumentsThatAreNoObjectAreRefusedNamingTheField(String arguments) {
        assertThat(fields("{\"toolCallId\": \"c\", \"name\": \"f\", \"arguments\": " + arguments + "}"))
                .containsExactly("arguments");
    }

    @Test
    void missingOrWrongEnvelopeFieldsAreEachNamed() {
        assertThat(fields("{\"arguments\": {}}")).containsExactlyInAnyOrder("toolCallId", "name");
        assertThat(fields("{\"toolCallId\": 7, \"name\": \"\", \"chatId\": []}"))
                .containsExactlyInAnyOrder("toolCallId", "name", "chatId");
        assertThat(fields("{\"toolCallId\": \"" + "x".repeat(ToolCall.MAX_ID + 1) + "\", \"name\": \"f\"}"))
                .containsExactly("toolCallId");
        assertThat(fields("{\"toolCallId\": \"c\", \"name\": \"f\", \"function\": {}}")).containsExactly("function");
    }

    @Test
    void aBodyThatIsNoObjectIsRefused() {
        assertThatThrownBy(() -> ToolCall.read(JSON.readTree("[]"), JSON)).isInstanceOf(InvalidRunRequestException.class);
        assertThatThrownBy(() -> ToolCall.read(null, JSON)).isInstanceOf(InvalidRunRequestException.class);
    }

    @Test
    void argumentsNestedTooDeepAreRefusedAsAnObjectAndAsAString() {
        String deep = "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}";

        assertThat(fields("{\"toolCallId\": \"c\", \"name\": \"n\", \"arguments\": " + deep + "}"))
                .containsExactly("arguments");
        assertThat(fields("{\"toolCallId\": \"c\", \"name\": \"n\", \"arguments\": "
                + JSON.writeValueAsString(deep) + "}")).containsExactly("arguments");
    }
}
