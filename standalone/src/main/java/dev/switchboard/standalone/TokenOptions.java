package dev.switchboard.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Options of {@code switchboard token}. */
record TokenOptions(String subject, List<String> roles, Path dataDir, Duration ttl) {

    static final String USAGE = """
            usage: switchboard token --sub <user> [--role admin|user]... [--ttl-hours 12] [--data-dir ./data]
            """;

    static TokenOptions parse(List<String> args) {
        String subject = null;
        List<String> roles = new ArrayList<>();
        Path dataDir = Path.of("data");
        Duration ttl = Duration.ofHours(12);
        List<String> queue = new ArrayList<>(StandaloneOptions.splitEquals(args));
        while (!queue.isEmpty()) {
            String flag = queue.removeFirst();
            switch (flag) {
                case "--sub" -> subject = StandaloneOptions.valueOf(flag, queue);
                case "--role" -> roles.add(role(StandaloneOptions.valueOf(flag, queue)));
                case "--data-dir" -> dataDir = Path.of(StandaloneOptions.valueOf(flag, queue));
                case "--ttl-hours" -> ttl = hours(StandaloneOptions.valueOf(flag, queue));
                default -> throw new UsageException("unknown option: " + flag);
            }
        }
        if (subject == null || !subject.matches("[A-Za-z0-9_.@-]{1,128}")) {
            throw new UsageException("--sub is required: 1-128 letters, digits, '_', '.', '@' or '-'");
        }
        if (roles.isEmpty()) {
            roles.add("user");
        }
        return new TokenOptions(subject, List.copyOf(roles), dataDir.toAbsolutePath().normalize(), ttl);
    }

    private static String role(String role) {
        if (!role.equals("admin") && !role.equals("user")) {
            throw new UsageException("--role must be admin or user: " + role);
        }
        return role;
    }

    private static Duration hours(String text) {
        try {
            int hours = Integer.parseInt(text);
            if (hours < 1 || hours > 24 * 30) {
                throw new UsageException("--ttl-hours must be between 1 and 720: " + text);
            }
            return Duration.ofHours(hours);
        } catch (NumberFormatException e) {
            throw new UsageException("--ttl-hours must be a number: " + text);
        }
    }
}
