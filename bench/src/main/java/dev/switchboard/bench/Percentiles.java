package dev.switchboard.bench;

import org.HdrHistogram.Histogram;

/** p50/p95/p99 in milliseconds, as the results file writes them. */
record Percentiles(double p50, double p95, double p99) {

    /** From a histogram of microseconds. */
    static Percentiles ofMicros(Histogram micros) {
        return new Percentiles(ms(micros, 50), ms(micros, 95), ms(micros, 99));
    }

    Percentiles minus(Percentiles other) {
        return new Percentiles(round(p50 - other.p50), round(p95 - other.p95), round(p99 - other.p99));
    }

    private static double ms(Histogram micros, double percentile) {
        return round(micros.getValueAtPercentile(percentile) / 1000.0);
    }

    static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }
}
