package dev.switchboard.standalone;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code switchboard topics} and {@code switchboard dlt [topic]}: the ops API
 * ({@code /api/v1/ops/...}) as terminal tables, consumer lag above zero highlighted.
 */
final class OpsCommand {

    private static final String RED = "\u001b[1;31m";
    private static final String RESET = "\u001b[0m";
    private static final int MESSAGE_WIDTH = 60;

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Exit code: 0 printed, 1 refused or unreachable. */
    int topics(OpsOptions options, PrintStream out, PrintStream err) {
        JsonNode body = get(options, "/api/v1/ops/topics", err);
        if (body == null) {
            return 1;
        }
        List<String[]> rows = new ArrayList<>();
        List<Boolean> lagging = new ArrayList<>();
        for (JsonNode topic : body.path("data")) {
            String name = topic.path("name").asString();
            String partitions = topic.path("partitions").asString();
            String records = topic.path("records").asString();
            if (topic.path("groups").isEmpty()) {
                rows.add(new String[] {name, partitions, records, "-", "-"});
                lagging.add(false);
            }
            for (JsonNode group : topic.path("groups")) {
                rows.add(new String[] {name, partitions, records, group.path("group").asString(),
                        group.path("lag").asString()});
                lagging.add(group.path("lag").asLong() > 0);
            }
        }
        print(out, new String[] {"TOPIC", "PARTITIONS", "RECORDS", "GROUP", "LAG"}, rows, lagging, options.color());
        return 0;
    }

    /** Without a topic: every DLT and how many records it holds; with one: its dead letters. */
    int deadLetters(OpsOptions options, PrintStream out, PrintStream err) {
        if (options.topic() == null) {
            JsonNode body = get(options, "/api/v1/ops/topics", err);
            if (body == null) {
                return 1;
            }
            List<String[]> rows = new ArrayList<>();
            List<Boolean> parked = new ArrayList<>();
            for (JsonNode topic : body.path("data")) {
                if (topic.path("deadLetter").asBoolean()) {
                    rows.add(new String[] {topic.path("name").asString(), topic.path("records").asString()});
                    parked.add(topic.path("records").asLong() > 0);
                }
            }
            print(out, new String[] {"DLT", "RECORDS"}, rows, parked, options.color());
            return 0;
        }
        JsonNode body = get(options, "/api/v1/ops/dlt/" + URLEncoder.encode(options.topic(), StandardCharsets.UTF_8)
                + "?page=" + options.page() + "&limit=" + options.limit(), err);
        if (body == null) {
            return 1;
        }
        List<String[]> rows = new ArrayList<>();
        for (JsonNode letter : body.path("data")) {
            JsonNode error = letter.path("error");
            rows.add(new String[] {letter.path("partition").asString(), letter.path("offset").asString(),
                    letter.path("timestamp").asString(), letter.path("key").asString("-"),
                    shortName(error.path("exception").asString("-")), clip(error.path("message").asString("-"))});
        }
        print(out, new String[] {"PARTITION", "OFFSET", "TIMESTAMP", "KEY", "EXCEPTION", "MESSAGE"}, rows,
                rows.stream().map(r -> false).toList(), false);
        out.printf("page %d, %d of %d record(s); replay: POST /api/v1/ops/dlt/%s/replay {\"records\": [{\"partition\", "
                + "\"offset\"}]}%n", body.path("page").asInt(), rows.size(), body.path("total").asLong(),
                options.topic());
        return 0;
    }

    private JsonNode get(OpsOptions options, String path, PrintStream err) {
        String token = options.token() != null ? options.token()
                : SwitchboardCommand.token(new TokenOptions("switchboard-cli", List.of("admin"), options.dataDir(),
                        Duration.ofMinutes(5)));
        HttpRequest request = HttpRequest.newBuilder(options.url().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("switchboard: cannot reach " + options.url() + " (is `./switchboard up` running?): " + e);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (RuntimeException e) {
            body = json.createObjectNode();
        }
        if (response.statusCode() != 200) {
            err.println("switchboard: refused (HTTP " + response.statusCode() + "): "
                    + body.path("detail").asString(response.body()));
            return null;
        }
        return body;
    }

    private static void print(PrintStream out, String[] header, List<String[]> rows, List<Boolean> highlight,
            boolean color) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        out.println(line(header, widths));
        for (int r = 0; r < rows.size(); r++) {
            String text = line(rows.get(r), widths);
            out.println(color && highlight.get(r) ? RED + text + RESET : highlight.get(r) ? text + "  <" : text);
        }
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(i == cells.length - 1 ? cells[i] : String.format("%-" + widths[i] + "s  ", cells[i]));
        }
        return line.toString().stripTrailing();
    }

    private static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String clip(String message) {
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() <= MESSAGE_WIDTH ? oneLine : oneLine.substring(0, MESSAGE_WIDTH - 1) + "…";
    }
}
