package dev.switchboard.standalone;

/** Bad command-line input: the launcher prints the message and the usage, and exits 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}
