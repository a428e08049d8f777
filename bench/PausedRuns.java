import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What paused runs cost (issue 8): the standalone's heap after a full GC and its live threads,
 * before and after COUNT async runs of a tool whose first step is an approval, all paused as
 * awaiting_input. Every service, the broker and the store share the one JVM, so the heap per run
 * is an upper bound for the orchestrator's share. Then a sample of them is approved and must
 * succeed, so the figure is for runs that really can go on.
 * JDK only: java bench/PausedRuns.java TOKEN GATEWAY_PORT COUNT STANDALONE_PID JCMD
 */
public class PausedRuns {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    public static void main(String[] args) throws Exception {
        String token = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        String pid = args[3];
        String jcmd = args[4];
        String gateway = "http://127.0.0.1:" + port;
        String orchestrator = "http://127.0.0.1:" + (port + 3) + "/actuator/prometheus";
        send("DELETE", gateway + "/api/v1/tools/bench-approval", token, null);
        expect(201, send("POST", gateway + "/api/v1/tools", token, """
                {"id": "bench-approval", "steps": [
                  {"id": "approve", "type": "approval", "message": "Go on with <<n>>?", "timeoutMs": 3600000}],
                 "outputTransform": "(sourceData) => sourceData.approve"}"""));
        // a few runs first, so that class loading and pools do not count as the runs' cost
        start(gateway, token, "warm", 200);
        checkPaused(gateway, token, 200);
        long heapBefore = heapAfterGc(jcmd, pid, orchestrator);
        double threadsBefore = metric(orchestrator, "jvm_threads_live_threads");
        long started = System.nanoTime();
        start(gateway, token, "paused", count);
        checkPaused(gateway, token, 200 + count);
        double seconds = (System.nanoTime() - started) / 1e9;
        long heapAfter = heapAfterGc(jcmd, pid, orchestrator);
        double threadsAfter = metric(orchestrator, "jvm_threads_live_threads");
        System.out.printf("%d runs paused in %.1f s (%.0f/s)%n", count, seconds, count / seconds);
        System.out.printf("heap after full GC: %.1f MB before, %.1f MB after: %.0f bytes per paused run%n",
                heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / (double) count);
        System.out.printf("live threads: %.0f before, %.0f after%n", threadsBefore, threadsAfter);
        int sample = Math.min(100, count);
        int done = 0;
        for (int i = 0; i < sample; i++) {
            // continue answers once the run has finished (200), or after 2 s with the run as it is (202)
            HttpResponse<String> answer = send("POST", gateway + "/api/v1/runs/paused-" + i + "/continue", token,
                    "{\"approved\": true, \"input\": {\"n\": " + i + "}}");
            expect(202, answer, 200);
            String run = answer.statusCode() == 200 ? answer.body()
                    : send("GET", gateway + "/api/v1/runs/paused-" + i, token, null).body();
            if (run.contains("\"status\":\"success\"")) {
                done++;
            }
        }
        System.out.printf("approved %d of them: %d succeeded%n", sample, done);
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
                    if (send("POST", gateway + "/api/v1/tools/bench-approval/run", token, body).statusCode() != 202) {
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

    /**
     * Checks that {@code expected} runs are paused. An accepted run is begun by the instance that
     * took the request and stored already paused at its first step (eager start, ADR 008), so by
     * the time every 202 is in, all of them must be: nothing to wait for, and a shortfall is a defect.
     */
    private static void checkPaused(String gateway, String token, int expected) throws Exception {
        String page = send("GET", gateway + "/api/v1/runs?status=awaiting_input&limit=1", token, null).body();
        int at = page.indexOf("\"total\":");
        long total = at < 0 ? -1 : Long.parseLong(page.substring(at + 8).split("[,}]")[0].trim());
        if (total != expected) {
            throw new IllegalStateException(total + " runs are paused, not " + expected + ": " + page);
        }
    }

    private static long heapAfterGc(String jcmd, String pid, String prometheus) throws Exception {
        for (int i = 0; i < 2; i++) {
            Process gc = new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start();
            gc.getInputStream().readAllBytes();
            gc.waitFor();
        }
        // GC.run returns after the collection; the gauge reads the memory pools when scraped
        return (long) metric(prometheus, "jvm_memory_used_bytes{area=\"heap\"");
    }

    private static double metric(String prometheus, String prefix) throws Exception {
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus)).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
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

    private static void expect(int status, HttpResponse<String> response, int... alsoFine) {
        if (response.statusCode() == status) {
            return;
        }
        for (int fine : alsoFine) {
            if (response.statusCode() == fine) {
                return;
            }
        }
        throw new IllegalStateException("expected " + status + " but got " + response.statusCode() + ": "
                + response.body());
    }
}
