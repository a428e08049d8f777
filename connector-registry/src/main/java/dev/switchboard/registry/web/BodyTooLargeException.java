package dev.switchboard.registry.web;

import java.io.IOException;

/** Thrown while reading a body past the limit; an IOException so readers pass it up as a read failure. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("The request body is larger than " + (limit / (1024 * 1024)) + " MB.");
    }
}
