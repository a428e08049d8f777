package dev.switchboard.executor.files;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A path of a step, confined to the connector's base path. {@code visible} is the path as the step
 * sees it (from the base, always starting with '/'); {@link #remote()} is the server's path (the
 * base and the visible path). A path is normalised before it is joined, so {@code a/../b} is {@code /b},
 * and one that climbs above the base with {@code ..} is refused rather than clamped: it is a
 * mistake or an attack, and either way the step should say so.
 */
record RemotePath(String base, String visible) {

    /**
     * @param base the connector's base path, normalised ({@code /} or {@code /srv/in})
     * @throws FileCallException {@code INVALID_REQUEST} for a control character or a backslash (an FTP
     *     command could be smuggled behind a CR LF; a Windows server reads '\' as a separator),
     *     {@code PATH_OUTSIDE_BASE} for a path above the base
     */
    static RemotePath resolve(String base, String path, String field) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw FileCallException.invalid(field + " must not hold control characters or '\\'");
            }
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new FileCallException("PATH_OUTSIDE_BASE", field + " '" + path
                            + "' climbs above the connector's base path", false);
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return new RemotePath(base, "/" + String.join("/", parts));
    }

    /** The connector's base path from its baseUrl's path: normalised, '/' when there is none. */
    static String base(String urlPath) {
        if (urlPath == null || urlPath.isEmpty()) {
            return "/";
        }
        // the base itself is the connector author's: '..' in it is resolved, never refused
        Deque<String> parts = new ArrayDeque<>();
        for (String part : urlPath.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** The path on the server: the base and the visible path. */
    String remote() {
        return base.equals("/") ? visible : isRoot() ? base : base + visible;
    }

    boolean isRoot() {
        return visible.equals("/");
    }

    String name() {
        return isRoot() ? "/" : visible.substring(visible.lastIndexOf('/') + 1);
    }

    /** The parent within the base; the base's root is its own parent. */
    RemotePath parent() {
        int cut = visible.lastIndexOf('/');
        return isRoot() ? this : new RemotePath(base, cut == 0 ? "/" : visible.substring(0, cut));
    }

    /** A child of this directory (a listed entry). */
    RemotePath child(String name) {
        return new RemotePath(base, isRoot() ? "/" + name : visible + "/" + name);
    }
}
