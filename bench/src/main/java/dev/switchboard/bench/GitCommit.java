package dev.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit the figures belong to, with "+dirty" when the work tree has uncommitted changes. */
final class GitCommit {

    private GitCommit() {
    }

    static String of(Path root) {
        String commit = git(root, "rev-parse", "--short", "HEAD");
        if (commit.isEmpty()) {
            return "unknown";
        }
        return git(root, "status", "--porcelain", "--untracked-files=no").isEmpty() ? commit : commit + "+dirty";
    }

    private static String git(Path root, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = root.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : "";
        } catch (Exception e) {
            return "";
        }
    }
}
