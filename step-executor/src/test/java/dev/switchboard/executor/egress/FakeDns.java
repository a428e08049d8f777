package dev.switchboard.executor.egress;

import dev.switchboard.contracts.egress.HostResolver;
import dev.switchboard.contracts.egress.IpLiteral;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A DNS table for tests: each name answers its queued answers in turn, the last one from then on
 * (so a name can "rebind" after its first answer); an unknown name does not resolve.
 */
final class FakeDns implements HostResolver {

    private final Map<String, Deque<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    final AtomicInteger lookups = new AtomicInteger();

    FakeDns answer(String host, String... addresses) {
        answers.computeIfAbsent(host, h -> new ArrayDeque<>()).add(java.util.Arrays.stream(addresses)
                .map(a -> IpLiteral.parse(a).orElseThrow()).toList());
        return this;
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        Deque<List<InetAddress>> queue = answers.get(host);
        if (queue == null) {
            throw new UnknownHostException(host);
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.poll() : queue.peek();
        }
    }
}
