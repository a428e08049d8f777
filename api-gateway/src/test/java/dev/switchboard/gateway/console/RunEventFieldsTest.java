package dev.switchboard.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class RunEventFieldsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheTopLevelFieldsAndTheRequesterAndSkipsTheRest() {
        RunEventFields fields = read("""
                {"eventId":"e","data":{"runId":"inner","status":"X","items":[{"stepId":"no"}]},"runId":"r1",
                 "stepId":"fetch","itemIndex":7,"success":true,"response":{"headers":{"userId":["x"]}},
                 "trigger":{"type":"API","userId":"alice","ancestorToolIds":["a"]},"toolId":"t","status":"FAILED"}""");

        assertThat(fields).isEqualTo(new RunEventFields("r1", "t", "FAILED", "fetch", 7, true, "alice"));
    }

    @Test
    void recordsThatAreNotRunEventsGiveNothing() {
        for (String bad : new String[] {"[1]", "null", "{\"runId\":", "{\"stepId\":\"s\"}", "not json", "",
                "{\"runId\":{\"nested\":1}}"}) {
            assertThat(read(bad)).as(bad).isNull();
        }
        assertThat(read("{\"runId\":\"r\",\"trigger\":null,\"itemIndex\":\"3\",\"success\":\"yes\"}"))
                .isEqualTo(new RunEventFields("r", null, null, null, 0, false, null));
    }

    private RunEventFields read(String text) {
        return RunEventFields.read(json, text.getBytes(StandardCharsets.UTF_8));
    }
}
