package dev.switchboard.executor.files;

/**
 * One operation of a step, checked and ready: its paths confined to the base, a put's bytes already
 * decoded (so a bad one fails the step before anything is written).
 *
 * @param index its place in a batch (0 for a single operation)
 * @param newPath rename's target, else null
 * @param content put's bytes, else null
 * @param encoding as asked, or null for the default (get: by extension; put: utf8)
 */
record FileRequest(int index, FileOperation operation, RemotePath path, RemotePath newPath, byte[] content,
        Encoding encoding) {
}
