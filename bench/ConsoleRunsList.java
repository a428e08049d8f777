import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's runs list at 10,000 runs (issue 12: ≤ 300 ms server time): the list queries the
 * runs page makes (newest page, a status filter, a tool filter on a deep page, a time window),
 * timed through the gateway on loopback with 200 runs stored and again with COUNT more, side by
 * side, so the ratio shows what the stored runs cost. The runs pause at an approval step, so they
 * are real runs stored by the engine and cost no calls.
 * JDK only: java bench/ConsoleRunsList.java TOKEN GATEWAY_PORT COUNT
 */
public class ConsoleRunsList {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final int SAMPLES = 60;

    public static void main(String[] args) throws Exception {
        String token = args[0];
        String gateway = "http://127.0.0.1:" + args[1];
        int count = Integer.parseInt(args[2]);
        send(gateway + "/api/v1/tools/bench-console", token, "DELETE", null);
        HttpResponse<String> tool = send(gateway + "/api/v1/tools", token, "POST", """
                {"id": "bench-console", "steps": [
                  {"id": "approve", "type": "approval", "message": "Go on with <<n>>?", "timeoutMs": 3600000}]}""");
        if (tool.statusCode() != 201) {
            throw new IllegalStateException("tool: " + tool.statusCode() + " " + tool.body());
        }
        String since = java.time.Instant.now().minusSeconds(60).toString();
        String[] queries = {"/api/v1/runs?limit=50", "/api/v1/runs?status=awaiting_input&limit=50",
                "/api/v1/runs?toolId=bench-console&page=4&limit=50",
                "/api/v1/runs?since=" + since + "&limit=50"};
        start(gateway, token, "few", 200);
        double[][] few = measure(gateway, token, queries);
        long started = System.nanoTime();
        start(gateway, token, "many", count);
        System.out.printf("%d more runs stored in %.0f s%n", count, (System.nanoTime() - started) / 1e9);
        double[][] many = measure(gateway, token, queries);
        System.out.printf("%-58s %18s %18s %8s%n", "GET (through the gateway, loopback)", "200 runs p50/p99",
                (200 + count) + " runs p50/p99", "p50 ×");
        for (int q = 0; q < queries.length; q++) {
            System.out.printf("%-58s %8.1f/%6.1f ms %8.1f/%6.1f ms %8.1f%n", queries[q].replace(since, "<1 min ago>"),
                    few[q][0], few[q][1], many[q][0], many[q][1], many[q][0] / few[q][0]);
        }
    }

    /** p50 and p99 in ms of each query, SAMPLES times after 10 warm-ups, the queries interleaved. */
    private static double[][] measure(String gateway, String token, String[] queries) throws Exception {
        double[][] times = new double[queries.length][SAMPLES];
        for (int i = -10; i < SAMPLES; i++) {
            for (int q = 0; q < queries.length; q++) {
                long t0 = System.nanoTime();
                HttpResponse<String> page = send(gateway + queries[q], token, "GET", null);
                long t1 = System.nanoTime();
                if (page.statusCode() != 200 || !page.body().contains("\"data\"")) {
                    throw new IllegalStateException(queries[q] + ": " + page.statusCode() + " " + page.body());
                }
                if (i >= 0) {
                    times[q][i] = (t1 - t0) / 1e6;
                }
            }
        }
        double[][] percentiles = new double[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            double[] sorted = times[q].clone();
            Arrays.sort(sorted);
            percentiles[q] = new double[] {sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1]};
        }
        return percentiles;
    }

    private static void start(String gateway, String token, String prefix, int count) throws Exception {
        Semaphore inFlight = new Semaphore(32);
        AtomicInteger errors = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            String body = "{\"runId\": \"" + prefix + "-" + i + "\", \"inputs\": {\"n\": " + i
                    + "}, \"options\": {\"async\": true}}";
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    if (send(gateway + "/api/v1/tools/bench-console/run", token, "POST", body).statusCode() != 202) {
                        errors.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                } finally {
                    inFlight.release();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " run requests failed");
        }
    }

    private static HttpResponse<String> send(String url, String token, String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
