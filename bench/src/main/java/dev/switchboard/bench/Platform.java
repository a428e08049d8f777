package dev.switchboard.bench;

import java.net.URI;
import java.util.List;

/**
 * The Switchboard under test: its gateway, an admin token, and the services' Prometheus endpoints
 * (empty when they are not reachable from here, e.g. a remote deployment behind its gateway).
 */
record Platform(URI gateway, String token, URI orchestratorMetrics, URI executorMetrics, List<URI> allMetrics) {

    /** Service ports sit at fixed offsets above the gateway's (the standalone's PortLayout). */
    static Platform onStandalonePorts(URI gateway, String token) {
        String host = gateway.getHost();
        int port = gateway.getPort() < 0 ? 80 : gateway.getPort();
        boolean local = "127.0.0.1".equals(host) || "localhost".equals(host) || "::1".equals(host)
                || "[::1]".equals(host);
        if (!local) {
            return new Platform(gateway, token, null, null, List.of());
        }
        List<URI> metrics = List.of(1, 2, 3, 4).stream()
                .map(offset -> URI.create("http://127.0.0.1:" + (port + offset) + "/actuator/prometheus"))
                .toList();
        return new Platform(gateway, token, metrics.get(2), metrics.get(3), metrics);
    }

    boolean hasMetrics() {
        return orchestratorMetrics != null;
    }
}
