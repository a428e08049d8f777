package dev.switchboard.secrets.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * How long the executor waits on a cache miss: the internal resolve over HTTP, with its Mongo
 * read, decryption and audit write. Prints percentiles for docs/benchmarks.md; asserts no time.
 * Not part of {@code verify} (the name matches no test pattern): run it with
 * {@code bench/secrets-resolve.sh}.
 */
class ResolveLatencyBench extends SecretsFixture {

    @Test
    void coldResolvesOverHttp() {
        create(ADMIN, "bench_shared", "shared-value", "shared");
        create(ALICE, "bench_private", "private-value", "private");
        for (int i = 0; i < 3000; i++) {
            resolve(i % 2 == 0 ? "bench_shared" : "bench_private", "alice");
        }
        long[] nanos = new long[2000];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            int status = resolve(i % 2 == 0 ? "bench_shared" : "bench_private", "alice").statusCode();
            nanos[i] = System.nanoTime() - start;
            assertThat(status).isEqualTo(200);
        }
        Arrays.sort(nanos);
        System.out.printf("cold secret resolve over HTTP: p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)%n",
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6,
                nanos[nanos.length - 1] / 1e6, nanos.length);
    }
}
