package dev.switchboard.bench;

import java.net.URI;

/**
 * The connector and tools the bench runs, (re)created on every bench so a remote deployment gets
 * exactly these definitions: namespace {@code bench}, tools {@code bench-*}.
 */
final class BenchTools {

    private BenchTools() {
    }

    static void define(GatewayClient client, URI target, int loopItems, int loopConcurrency) throws Exception {
        for (String tool : new String[] {"bench-one", "bench-three", "bench-loop"}) {
            client.send("DELETE", "/tools/" + tool, null);
        }
        client.send("DELETE", "/connectors/bench/target", null);
        client.expect(201, "POST", "/connectors", """
                {"namespace": "bench", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [
                   {"name": "ping", "method": "GET", "path": "/ping"},
                   {"name": "item", "method": "GET", "path": "/items/{n}",
                    "parameters": {"type": "object", "required": ["n"],
                                   "properties": {"n": {"type": "integer", "in": "path"}}}}]}"""
                .formatted(target));
        client.expect(201, "POST", "/tools", """
                {"id": "bench-one", "steps": [{"id": "a", "connector": "bench/target", "operation": "ping"}]}""");
        client.expect(201, "POST", "/tools", """
                {"id": "bench-three", "steps": [
                  {"id": "a", "connector": "bench/target", "operation": "ping"},
                  {"id": "b", "connector": "bench/target", "operation": "ping"},
                  {"id": "c", "connector": "bench/target", "operation": "ping"}]}""");
        client.expect(201, "POST", "/tools", """
                {"id": "bench-loop", "concurrency": %d, "steps": [
                  {"id": "items", "connector": "bench/target", "operation": "item",
                   "parameters": {"n": "<<currentItem>>"},
                   "dataSelector": "(sourceData) => Array.from({length: %d}, (_, i) => i)"}]}"""
                .formatted(loopConcurrency, loopItems));
    }
}
