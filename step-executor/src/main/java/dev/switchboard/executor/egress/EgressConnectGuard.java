package dev.switchboard.executor.egress;

import dev.switchboard.contracts.egress.IpLiteral;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The last word before a socket connects: reactor-netty skips the resolver for an address that is
 * already resolved (an IP literal in the URL), so the address handed to connect is checked here.
 * First in the pipeline, so it sees the address actually dialled (a proxy's, if one is set).
 */
@ChannelHandler.Sharable
final class EgressConnectGuard extends ChannelOutboundHandlerAdapter {

    static final String NAME = "switchboard.egress.guard";

    private final EgressPolicy policy;

    EgressConnectGuard(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        try {
            if (!(remote instanceof InetSocketAddress inet) || inet.isUnresolved()) {
                throw new EgressDeniedException("'" + remote + "' was not resolved by the egress guard");
            }
            String host = inet.getHostString();
            policy.checkAddress(host, inet.getAddress(), IpLiteral.parse(host).isPresent());
        } catch (EgressException refused) {
            promise.tryFailure(refused);
            ctx.close();
            return;
        }
        ctx.connect(remote, local, promise);
    }
}
