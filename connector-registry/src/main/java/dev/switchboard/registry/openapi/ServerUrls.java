package dev.switchboard.registry.openapi;

import java.util.List;
import tools.jackson.databind.JsonNode;

/** The suggested base URL: {@code servers[0]} with its variables at their defaults. */
final class ServerUrls {

    private ServerUrls() {
    }

    static String baseUrl(JsonNode document, List<String> warnings) {
        JsonNode server = document.path("servers").path(0);
        String url = server.path("url").asString("");
        if (url.isBlank()) {
            warnings.add("the spec names no server; set baseUrl yourself");
            return null;
        }
        for (var variable : server.path("variables").properties()) {
            url = url.replace("{" + variable.getKey() + "}", variable.getValue().path("default").asString(""));
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            warnings.add("the server URL '" + url + "' is relative; set baseUrl to the API's absolute URL");
            return null;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
