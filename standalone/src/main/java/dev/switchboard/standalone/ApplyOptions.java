package dev.switchboard.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code switchboard apply}. Without {@code --token} (or {@code SWITCHBOARD_TOKEN}) it
 * mints a short-lived admin token from the standalone's data directory, as {@code token} does.
 */
record ApplyOptions(Path file, URI url, String token, Path dataDir) {

    static final String USAGE = """
            usage: switchboard apply -f <file.yaml|file.json> [--url http://localhost:8080] [--token <JWT>]
                                     [--data-dir ./data]
            """;

    static ApplyOptions parse(List<String> args, String tokenFromEnv) {
        Path file = null;
        URI url = URI.create("http://localhost:8080");
        String token = tokenFromEnv == null || tokenFromEnv.isBlank() ? null : tokenFromEnv;
        Path dataDir = Path.of("data");
        List<String> queue = new ArrayList<>(StandaloneOptions.splitEquals(args));
        while (!queue.isEmpty()) {
            String flag = queue.removeFirst();
            switch (flag) {
                case "-f", "--file" -> file = Path.of(StandaloneOptions.valueOf(flag, queue));
                case "--url" -> url = url(StandaloneOptions.valueOf(flag, queue));
                case "--token" -> token = StandaloneOptions.valueOf(flag, queue);
                case "--data-dir" -> dataDir = Path.of(StandaloneOptions.valueOf(flag, queue));
                default -> throw new UsageException("unknown option: " + flag);
            }
        }
        if (file == null) {
            throw new UsageException("-f <file> is required");
        }
        return new ApplyOptions(file, url, token, dataDir.toAbsolutePath().normalize());
    }

    /** The gateway's base URL, checked; shared with the ops commands. */
    static URI url(String text) {
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (uri.getHost() == null || !List.of("http", "https").contains(uri.getScheme())) {
                throw new UsageException("--url must be the gateway's http(s) URL: " + text);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--url is not a URL: " + text);
        }
    }
}
