package dev.switchboard.standalone;

import java.util.Map;

/**
 * One request of the bad-input sweep: what is sent, the endpoint it aims at (its path template,
 * for grouping findings) and the mutation that made it, so a finding says how it was built.
 *
 * @param body null sends none
 * @param contentType null sends no Content-Type
 * @param token null sends no Authorization header; {@code headers} may carry a malformed one
 */
record FuzzRequest(String endpoint, String mutation, String method, String path, String contentType, String body,
        String token, Map<String, String> headers) {

    FuzzRequest withBody(String newBody) {
        return new FuzzRequest(endpoint, mutation, method, path, contentType, newBody, token, headers);
    }

    FuzzRequest withPath(String newPath) {
        return new FuzzRequest(endpoint, mutation, method, newPath, contentType, body, token, headers);
    }

    int size() {
        return path.length() + (body == null ? 0 : body.length())
                + headers.values().stream().mapToInt(String::length).sum();
    }
}
