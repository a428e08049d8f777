import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load at a fixed rate against loopback URLs, measured side by side: requests to each
 * target are interleaved, so both see the same machine at the same moment. Latency is counted
 * from when a request was due, not when it was sent, so a stall is charged to every request it
 * delays (no coordinated omission). Run with the JDK's source launcher:
 *   java bench/RateLoad.java <token> <rate/s> <seconds> <label=url>...
 * A first pass of the same length at the same rate warms the JIT and connection pools on both
 * sides and is not counted: on this 2-core machine the first half minute is several times slower.
 */
public class RateLoad {

    public static void main(String[] args) throws Exception {
        String token = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        List<String> labels = new ArrayList<>();
        List<URI> urls = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            URI uri = URI.create(pair[1]);
            if (!List.of("127.0.0.1", "localhost", "[::1]").contains(uri.getHost())) {
                throw new IllegalArgumentException("loopback targets only: " + uri);
            }
            labels.add(pair[0]);
            urls.add(uri);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int total = rate * seconds;
        run(http, token, urls, rate, total);
        long[][] latencies = new long[urls.size()][total];
        int[] failures = new int[urls.size()];
        run(http, token, urls, rate, total, latencies, failures);
        report(labels, rate, seconds, total, latencies, failures);
    }

    private static void run(HttpClient http, String token, List<URI> urls, int rate, int total) throws Exception {
        run(http, token, urls, rate, total, new long[urls.size()][total], new int[urls.size()]);
    }

    private static void run(HttpClient http, String token, List<URI> urls, int rate, int total, long[][] latencies,
            int[] failures) throws Exception {
        long interval = 1_000_000_000L / rate;
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> pending = new ArrayList<>();
            long start = System.nanoTime() + 50_000_000L;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                LockSupport.parkNanos(due - System.nanoTime());
                int n = i;
                int target = i % urls.size();
                pending.add(threads.submit(() -> {
                    int status = send(http, urls.get(target), token);
                    latencies[target][n] = System.nanoTime() - due;
                    if (status != 200) {
                        failures[target]++;
                    }
                }));
            }
            for (Future<?> f : pending) {
                f.get();
            }
        }
    }

    private static void report(List<String> labels, int rate, int seconds, int total, long[][] latencies,
            int[] failures) {
        System.out.printf("%d requests at %d/s over %d s, targets interleaved%n", total, rate, seconds);
        double[] p50s = new double[labels.size()];
        for (int t = 0; t < labels.size(); t++) {
            long[] sorted = Arrays.stream(latencies[t]).filter(v -> v > 0).sorted().toArray();
            p50s[t] = sorted[sorted.length / 2] / 1e6;
            System.out.printf("%-10s n=%d failures=%d p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n",
                    labels.get(t), sorted.length, failures[t], p50s[t], pct(sorted, 0.90), pct(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
        }
        for (int t = 1; t < labels.size(); t++) {
            System.out.printf("p50 %s / %s = %.2f%n", labels.get(0), labels.get(t), p50s[0] / p50s[t]);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)] / 1e6;
    }

    private static int send(HttpClient http, URI url, String token) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
