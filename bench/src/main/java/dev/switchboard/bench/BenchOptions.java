package dev.switchboard.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./switchboard bench} was asked to do.
 *
 * @param quick   the short profile (under 3 minutes) instead of the full one (under 15)
 * @param out     where the JSON results go
 * @param url     a running gateway to measure instead of starting a standalone; null = start one
 * @param token   an admin JWT for {@code url} (a started standalone mints its own)
 * @param port    the gateway port of the standalone the bench starts
 * @param faults  run the fault harness instead of the measurements
 * @param passOn  the arguments handed to the fault harness as they were given
 */
record BenchOptions(boolean quick, Path out, URI url, String token, int port, boolean faults, List<String> passOn) {

    static final String USAGE = """
            usage: ./switchboard bench [--quick] [--out bench-results.json] [--port 18080]
                                       [--url http://host:8080 --token <admin JWT>]
                   ./switchboard bench --faults [--runs 500] [--only a,b,c,d] [--out fault-results.json]""";

    static BenchOptions parse(String... args) {
        boolean quick = false;
        boolean faults = false;
        Path out = null;
        URI url = null;
        String token = System.getenv("SWITCHBOARD_TOKEN");
        int port = 18080;
        List<String> passOn = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--faults" -> faults = true;
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--url" -> url = parseUrl(value(args, ++i, arg));
                case "--token" -> token = value(args, ++i, arg);
                case "--port" -> port = parsePort(value(args, ++i, arg));
                default -> {
                    if (!faults) {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                    passOn.add(arg);
                }
            }
        }
        if (faults) {
            if (out != null) {
                passOn.addAll(List.of("--out", out.toString()));
            }
            return new BenchOptions(false, out, null, null, port, true, List.copyOf(passOn));
        }
        if (url != null && (token == null || token.isBlank())) {
            throw new IllegalArgumentException("--url needs --token (or SWITCHBOARD_TOKEN) with an admin JWT");
        }
        return new BenchOptions(quick, out == null ? Path.of("bench-results.json") : out, url, token, port, false,
                List.of());
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static URI parseUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url is not a URL: " + text);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("--url must be http(s)://host[:port]: " + text);
        }
        return uri;
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port < 65536 - 20) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--port must be a number between 1 and 65515: " + text);
    }
}
