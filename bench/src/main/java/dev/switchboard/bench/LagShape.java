package dev.switchboard.bench;

import java.util.List;

/**
 * Whether consumer lag sampled over a load stayed flat: the highest lag in the last third of the
 * samples is at most twice that of the first third plus a small absolute allowance (a few
 * in-flight batches), so a system that keeps up passes and one whose queue grows does not.
 */
record LagShape(long firstThirdMax, long lastThirdMax, boolean flat) {

    static final long ALLOWANCE = 50;

    static LagShape of(List<Long> samples) {
        if (samples.isEmpty()) {
            return new LagShape(0, 0, true);
        }
        int third = Math.max(1, samples.size() / 3);
        long first = samples.subList(0, third).stream().mapToLong(Long::longValue).max().orElse(0);
        long last = samples.subList(samples.size() - third, samples.size()).stream().mapToLong(Long::longValue).max()
                .orElse(0);
        return new LagShape(first, last, last <= 2 * first + ALLOWANCE);
    }
}
