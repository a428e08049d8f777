package dev.switchboard.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code switchboard topics} and {@code switchboard dlt [topic]}. Like {@code apply},
 * without {@code --token} (or {@code SWITCHBOARD_TOKEN}) they mint a short-lived admin token from
 * the standalone's data directory.
 */
record OpsOptions(URI url, String token, Path dataDir, String topic, int page, int limit, boolean color) {

    static final String USAGE = """
            usage: switchboard topics [--url http://localhost:8080] [--token <JWT>] [--data-dir ./data] [--no-color]
                   switchboard dlt [topic] [--page 1] [--limit 20] [--url ...] [--token <JWT>] [--data-dir ./data]
            """;

    static OpsOptions parse(List<String> args, String tokenFromEnv, boolean terminal) {
        URI url = URI.create("http://localhost:8080");
        String token = tokenFromEnv == null || tokenFromEnv.isBlank() ? null : tokenFromEnv;
        Path dataDir = Path.of("data");
        String topic = null;
        int page = 1;
        int limit = 20;
        boolean color = terminal;
        List<String> queue = new ArrayList<>(StandaloneOptions.splitEquals(args));
        while (!queue.isEmpty()) {
            String flag = queue.removeFirst();
            switch (flag) {
                case "--url" -> url = ApplyOptions.url(StandaloneOptions.valueOf(flag, queue));
                case "--token" -> token = StandaloneOptions.valueOf(flag, queue);
                case "--data-dir" -> dataDir = Path.of(StandaloneOptions.valueOf(flag, queue));
                case "--page" -> page = positive(flag, StandaloneOptions.valueOf(flag, queue));
                case "--limit" -> limit = positive(flag, StandaloneOptions.valueOf(flag, queue));
                case "--no-color" -> color = false;
                default -> {
                    if (flag.startsWith("-") || topic != null) {
                        throw new UsageException("unknown option: " + flag);
                    }
                    topic = flag;
                }
            }
        }
        return new OpsOptions(url, token, dataDir.toAbsolutePath().normalize(), topic, page, limit, color);
    }

    private static int positive(String flag, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a whole number of at least 1: " + text);
    }
}
