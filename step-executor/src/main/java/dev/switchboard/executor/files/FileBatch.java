package dev.switchboard.executor.files;

import java.util.List;

/**
 * A step's operations in order; {@code batch} when the body was an array, whose result is then one
 * entry per operation.
 */
record FileBatch(List<FileRequest> requests, boolean batch) {
}
