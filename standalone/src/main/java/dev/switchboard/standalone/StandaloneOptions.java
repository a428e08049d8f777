package dev.switchboard.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of {@code switchboard up}. {@code kafka}/{@code mongo} are null when the embedded
 * servers are to be started.
 */
record StandaloneOptions(int port, Path dataDir, String kafka, String mongo, boolean denyPrivateEgress,
        String logFormat, boolean separate) {

    static final String USAGE = """
            usage: switchboard up [--port 8080] [--data-dir ./data] [--kafka host:port] [--mongo mongodb://...]
                                  [--deny-private-egress] [--log-format=text|json] [--separate]
              --separate: the broker, the store and each service in a process of its own, restarted if it dies
            """;

    static StandaloneOptions parse(List<String> args) {
        int port = 8080;
        Path dataDir = Path.of("data");
        String kafka = null;
        String mongo = null;
        boolean denyPrivateEgress = false;
        String logFormat = "text";
        boolean separate = false;
        List<String> queue = new ArrayList<>(splitEquals(args));
        while (!queue.isEmpty()) {
            String flag = queue.removeFirst();
            switch (flag) {
                case "--port" -> port = parsePort(valueOf(flag, queue));
                case "--data-dir" -> dataDir = Path.of(valueOf(flag, queue));
                case "--kafka" -> kafka = hostPort(flag, valueOf(flag, queue));
                case "--mongo" -> mongo = mongoUri(valueOf(flag, queue));
                case "--deny-private-egress" -> denyPrivateEgress = true;
                case "--separate" -> separate = true;
                case "--log-format" -> logFormat = oneOf(flag, valueOf(flag, queue), "text", "json");
                default -> throw new UsageException("unknown option: " + flag);
            }
        }
        return new StandaloneOptions(port, dataDir.toAbsolutePath().normalize(), kafka, mongo, denyPrivateEgress,
                logFormat, separate);
    }

    PortLayout ports() {
        return PortLayout.from(port);
    }

    /** Accepts both {@code --port 9000} and {@code --port=9000}. */
    static List<String> splitEquals(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                out.add(arg.substring(0, eq));
                out.add(arg.substring(eq + 1));
            } else {
                out.add(arg);
            }
        }
        return out;
    }

    static String valueOf(String flag, List<String> queue) {
        if (queue.isEmpty() || queue.getFirst().startsWith("--")) {
            throw new UsageException(flag + " needs a value");
        }
        return queue.removeFirst();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            // the services take the next ports after the gateway's (see PortLayout)
            if (port < 1024 || port > 65535 - PortLayout.SPAN) {
                throw new UsageException("--port must be between 1024 and " + (65535 - PortLayout.SPAN) + ": " + text);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port must be a number: " + text);
        }
    }

    private static String hostPort(String flag, String text) {
        if (!text.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}(,[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5})*")) {
            throw new UsageException(flag + " must be host:port[,host:port...]: " + text);
        }
        return text;
    }

    private static String mongoUri(String text) {
        if (!text.startsWith("mongodb://") && !text.startsWith("mongodb+srv://")) {
            throw new UsageException("--mongo must be a mongodb:// or mongodb+srv:// URI");
        }
        return text;
    }

    private static String oneOf(String flag, String value, String... allowed) {
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new UsageException(flag + " must be one of " + String.join(", ", allowed) + ": " + value);
    }
}
