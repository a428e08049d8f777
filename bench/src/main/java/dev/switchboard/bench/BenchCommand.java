package dev.switchboard.bench;

/** Entry point of {@code ./switchboard bench}; the measurements arrive in the following commits. */
public final class BenchCommand {
    private BenchCommand() {
    }

    public static void main(String[] args) {
        System.err.println("switchboard bench: not built yet");
        System.exit(2);
    }
}
