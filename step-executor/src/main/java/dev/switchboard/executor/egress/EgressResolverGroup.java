package dev.switchboard.executor.egress;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;

/**
 * Name resolution for a guarded client: answers only with addresses the policy allows, and fails
 * the connect with the policy's refusal otherwise. The lookup blocks (the JDK's resolver, as
 * Netty's default does), so it runs on a virtual thread rather than the event loop.
 */
final class EgressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final EgressPolicy policy;

    EgressResolverGroup(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new PolicyNameResolver(executor, policy).asAddressResolver();
    }

    private static final class PolicyNameResolver extends InetNameResolver {

        private final EgressPolicy policy;

        PolicyNameResolver(EventExecutor executor, EgressPolicy policy) {
            super(executor);
            this.policy = policy;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            resolve(host, promise, List::getFirst);
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            resolve(host, promise, Function.identity());
        }

        private <T> void resolve(String host, Promise<T> promise, Function<List<InetAddress>, T> answer) {
            Thread.ofVirtual().name("egress-resolve").start(() -> {
                try {
                    promise.trySuccess(answer.apply(policy.resolveAllowed(host)));
                } catch (RuntimeException e) {
                    promise.tryFailure(e);
                }
            });
        }
    }
}
