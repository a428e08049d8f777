package dev.switchboard.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIdFilterTest {

    @Test
    void keepsASaneCallerTraceId() {
        assertThat(TraceIdFilter.traceIdFor("4bf92f3577b34da6a3ce929d0e0e4736")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIdFilter.traceIdFor("order-2026-11-24")).isEqualTo("order-2026-11-24");
    }

    @Test
    void replacesMissingShortLongOrUnsafeOnes() {
        for (String offered : new String[] {null, "", "short", "a".repeat(65), "abc def ghi", "x\r\nSet-Cookie: a"}) {
            assertThat(TraceIdFilter.traceIdFor(offered)).as(String.valueOf(offered)).matches("[0-9a-f]{32}");
        }
        assertThat(TraceIdFilter.traceIdFor(null)).isNotEqualTo(TraceIdFilter.traceIdFor(null));
    }
}
