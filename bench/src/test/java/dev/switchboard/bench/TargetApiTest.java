package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TargetApiTest {

    @Test
    void delayedItemsAreAnsweredLaterEachWithItsOwnBody() throws Exception {
        try (TargetApi target = new TargetApi(30); HttpClient http = HttpClient.newHttpClient()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(http.sendAsync(HttpRequest.newBuilder(target.baseUrl().resolve("/items/" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> answer = answers.get(i).get();
                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("{\"item\":\"" + i + "\"}");
            }
            HttpResponse<String> ping = http.send(HttpRequest.newBuilder(target.baseUrl().resolve("/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ping.body()).contains("\"ok\":true");
            assertThat(target.calls()).isEqualTo(21);
        }
    }
}
