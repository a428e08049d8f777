import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The run engine's figures (issue 6), measured side by side in one run against a local target API
 * this program serves on 127.0.0.1:
 *  1. step overhead: a direct GET of the target vs a sync 1-step tool run through the gateway,
 *     interleaved at a fixed arrival rate; latency counts from the intended send time, so a
 *     stalled system cannot hide its queueing (coordinated omission);
 *  2. throughput: async runs of a 3-step tool at a fixed rate, with the orchestrator's and the
 *     executor's consumer lag sampled every second (flat lag = keeping up);
 *  3. Mongo writes per step, from the orchestrator's driver command counters.
 * JDK only: java bench/RunLoad.java TOKEN GATEWAY_PORT RATE SECONDS RUNS_PER_SEC RUN_SECONDS
 */
public class RunLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private static final AtomicInteger ERRORS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        String token = args[0];
        int port = Integer.parseInt(args[1]);
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int runRate = Integer.parseInt(args[4]);
        int runSeconds = Integer.parseInt(args[5]);
        String gateway = "http://127.0.0.1:" + port;
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        target.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        target.createContext("/ping", exchange -> {
            byte[] body = "{\"ok\":true,\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        target.start();
        String targetUrl = "http://127.0.0.1:" + target.getAddress().getPort();
        try {
            setUp(gateway, token, targetUrl);
            URI direct = URI.create(targetUrl + "/ping");
            URI oneStep = URI.create(gateway + "/api/v1/tools/bench-one/run");
            System.out.printf("warming up for %d s ...%n", seconds);
            overhead(direct, oneStep, token, rate, seconds);
            System.out.printf("== step overhead: direct GET vs sync 1-step run, %d/s each, %d s%n", rate, seconds);
            ERRORS.set(0);
            long[][] latencies = overhead(direct, oneStep, token, rate, seconds);
            report("direct", latencies[0]);
            report("1-step run", latencies[1]);
            System.out.printf("overhead   p50 %.2f ms  p95 %.2f ms  p99 %.2f ms   (errors %d)%n",
                    pct(latencies[1], 50) - pct(latencies[0], 50), pct(latencies[1], 95) - pct(latencies[0], 95),
                    pct(latencies[1], 99) - pct(latencies[0], 99), ERRORS.get());
            throughput(gateway, token, runRate, runSeconds, port);
        } finally {
            target.stop(0);
        }
    }

    private static void setUp(String gateway, String token, String targetUrl) throws Exception {
        send("DELETE", gateway + "/api/v1/tools/bench-one", token, null);
        send("DELETE", gateway + "/api/v1/tools/bench-three", token, null);
        send("DELETE", gateway + "/api/v1/connectors/bench/target", token, null);
        expect(201, send("POST", gateway + "/api/v1/connectors", token, """
                {"namespace": "bench", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [{"name": "ping", "method": "GET", "path": "/ping"}]}""".formatted(targetUrl)));
        expect(201, send("POST", gateway + "/api/v1/tools", token, """
                {"id": "bench-one", "steps": [{"id": "a", "connector": "bench/target", "operation": "ping"}]}"""));
        expect(201, send("POST", gateway + "/api/v1/tools", token, """
                {"id": "bench-three", "steps": [
                  {"id": "a", "connector": "bench/target", "operation": "ping"},
                  {"id": "b", "connector": "bench/target", "operation": "ping"},
                  {"id": "c", "connector": "bench/target", "operation": "ping"}]}"""));
    }

    /** Direct and run requests alternate on one open-loop schedule: each gets {@code rate}/s. */
    private static long[][] overhead(URI direct, URI run, String token, int rate, int seconds) throws Exception {
        int total = rate * seconds;
        long[][] latencies = {new long[total], new long[total]};
        long intervalNanos = 1_000_000_000L / (2L * rate);
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2 * total; i++) {
            long scheduled = start + i * intervalNanos;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            int slot = i / 2;
            boolean isRun = i % 2 == 1;
            threads.add(Thread.startVirtualThread(() -> {
                HttpRequest.Builder request = HttpRequest.newBuilder(isRun ? run : direct)
                        .timeout(Duration.ofSeconds(30));
                if (isRun) {
                    request.header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"));
                }
                try {
                    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200 || isRun && !response.body().contains("\"status\":\"success\"")) {
                        ERRORS.incrementAndGet();
                    }
                } catch (Exception e) {
                    ERRORS.incrementAndGet();
                }
                latencies[isRun ? 1 : 0][slot] = System.nanoTime() - scheduled;
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return latencies;
    }

    private static void throughput(String gateway, String token, int rate, int seconds, int port) throws Exception {
        String orchestrator = "http://127.0.0.1:" + (port + 3) + "/actuator/prometheus";
        String executor = "http://127.0.0.1:" + (port + 4) + "/actuator/prometheus";
        long writesBefore = mongoWrites(orchestrator);
        long finishedBefore = finished(orchestrator);
        System.out.printf("== throughput: async 3-step runs at %d/s for %d s; consumer lag every second%n", rate,
                seconds);
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        AtomicInteger accepted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<long[]> lagSamples = new ArrayList<>();
        long nextSample = start;
        URI runUri = URI.create(gateway + "/api/v1/tools/bench-three/run");
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            LockSupport.parkNanos(scheduled - System.nanoTime());
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(runUri)
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"options\":{\"async\":true}}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        accepted.incrementAndGet();
                    }
                } catch (Exception e) {
                    ERRORS.incrementAndGet();
                }
            }));
            if (System.nanoTime() >= nextSample) {
                nextSample += 1_000_000_000L;
                long[] sample = {(System.nanoTime() - start) / 1_000_000_000L, lag(orchestrator), lag(executor),
                        finished(orchestrator) - finishedBefore};
                lagSamples.add(sample);
                if (sample[0] % 10 == 0) {
                    System.out.printf("  t=%3ds accepted %6d finished %6d  lag orchestrator %5d executor %5d%n",
                            sample[0], accepted.get(), sample[3], sample[1], sample[2]);
                }
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long finishedAtEnd = finished(orchestrator) - finishedBefore;
        long drainStart = System.nanoTime();
        long done = finishedAtEnd;
        while (done < accepted.get() && System.nanoTime() - drainStart < 180_000_000_000L) {
            Thread.sleep(500);
            done = finished(orchestrator) - finishedBefore;
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        long writes = mongoWrites(orchestrator) - writesBefore;
        int third = Math.max(1, lagSamples.size() / 3);
        long firstMax = lagSamples.subList(0, third).stream().mapToLong(s -> s[1] + s[2]).max().orElse(0);
        long lastMax = lagSamples.subList(lagSamples.size() - third, lagSamples.size()).stream()
                .mapToLong(s -> s[1] + s[2]).max().orElse(0);
        boolean flat = lastMax <= 2 * firstMax + 50;
        System.out.printf("accepted %d of %d in %.1f s; finished %d by the end of sending, all %d after %.1f s more%n",
                accepted.get(), total, sendSeconds, finishedAtEnd, done, drainSeconds);
        System.out.printf("sustained %.1f runs/s (offered %d/s); max lag first third %d, last third %d: %s%n",
                finishedAtEnd / sendSeconds, rate, firstMax, lastMax, flat ? "flat" : "GROWING");
        System.out.printf("mongo writes per step %.2f (%d writes for %d runs x 3 steps, run inserts included)%n",
                (double) writes / (3.0 * done), writes, done);
    }

    /** From the orchestrator's run counter: polling the runs list would load the store under test. */
    private static long finished(String orchestrator) throws Exception {
        return (long) sum(scrape(orchestrator), "switchboard_runs_total{", "tool=\"bench-three\"");
    }

    /** The current records lag of every partition the consumers hold, summed. */
    private static long lag(String prometheus) {
        try {
            return (long) sum(scrape(prometheus), "kafka_consumer_fetch_manager_records_lag{", null);
        } catch (Exception e) {
            return -1;
        }
    }

    private static long mongoWrites(String prometheus) throws Exception {
        String metrics = scrape(prometheus);
        return (long) (sum(metrics, "mongodb_driver_commands_seconds_count{", "command=\"insert\"")
                + sum(metrics, "mongodb_driver_commands_seconds_count{", "command=\"update\"")
                + sum(metrics, "mongodb_driver_commands_seconds_count{", "command=\"delete\""));
    }

    private static String scrape(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double sum(String metrics, String prefix, String labelFilter) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix) && (labelFilter == null || line.contains(labelFilter))) {
                String value = line.substring(line.lastIndexOf(' ') + 1);
                if (!value.equals("NaN")) {
                    sum += Math.max(0, Double.parseDouble(value));
                }
            }
        }
        return sum;
    }

    private static HttpResponse<String> send(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void report(String label, long[] nanos) {
        System.out.printf("%-10s p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n", label, pct(nanos, 50),
                pct(nanos, 95), pct(nanos, 99), pct(nanos, 100));
    }

    private static double pct(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
        return sorted[index] / 1e6;
    }
}
