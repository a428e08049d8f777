package dev.switchboard.executor.files;

import java.time.Duration;

/** Connects and logs in to one kind of file server. */
interface SessionOpener {

    /**
     * @throws FileCallException {@code CONNECTION_FAILED} (retried) when the server could not be
     *     reached; {@code AUTH_FAILED}, {@code HOST_KEY_REJECTED}, {@code TLS_FAILED},
     *     {@code EGRESS_DENIED} and the like when it should not be tried again
     */
    FileSession open(FileServer server, Duration timeout);
}
