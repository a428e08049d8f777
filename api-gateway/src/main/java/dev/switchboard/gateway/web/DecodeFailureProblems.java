package dev.switchboard.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;

/**
 * A request Netty cannot decode (a request line or headers over its limits, or garbage) never
 * reaches Spring, and reactor-netty answers it with an empty 400/414/431. This puts a handler right
 * after the HTTP decoder that answers such a request with problem+json instead, and closes the
 * connection, as reactor-netty does, but gently: see {@link #LINGER}.
 */
@Component
class DecodeFailureProblems implements NettyServerCustomizer {

    /**
     * How long a refused connection is kept reading after its answer. Closing at once, with the
     * client's body still unread in the receive buffer, makes the kernel send a reset, and the reset
     * can wipe the answer from the client's buffer before it is read: the client sees no answer at
     * all (the bad-input sweep caught one in 65 too-long URLs sent with a body). So the gateway stops
     * writing, lets the decoder discard what still comes, and closes when the client does, or after
     * this.
     */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final Problems problems;

    DecodeFailureProblems(Problems problems) {
        this.problems = problems;
    }

    @Override
    public reactor.netty.http.server.HttpServer apply(reactor.netty.http.server.HttpServer server) {
        // at channel init, after reactor-netty's own handlers: a connection's first request must meet it too
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "switchboard.decodeFailures", new Handler());
            }
        });
    }

    private final class Handler extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            // only a request's head: a body that fails later is already the service's to answer
            if (!(message instanceof HttpRequest request) || !request.decoderResult().isFailure()) {
                context.fireChannelRead(message);
                return;
            }
            Throwable cause = request.decoderResult().cause();
            ReferenceCountUtil.release(message);
            HttpResponseStatus status = cause instanceof TooLongHttpLineException
                    ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException
                            ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                            : cause instanceof TooLongFrameException ? HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE
                                    : HttpResponseStatus.BAD_REQUEST;
            String detail = status == HttpResponseStatus.BAD_REQUEST ? "The request is not well-formed HTTP."
                    : "The request's " + (status == HttpResponseStatus.REQUEST_URI_TOO_LONG ? "URL is"
                            : status == HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE ? "headers are"
                                    : "body is") + " larger than the gateway accepts.";
            byte[] body = problems.body(status.code(), status.reasonPhrase(), "request-not-readable", detail);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            context.writeAndFlush(response).addListener(written -> lingerThenClose(context));
        }

        private static void lingerThenClose(ChannelHandlerContext context) {
            if (context.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
                duplex.shutdownOutput();
                context.executor().schedule(() -> context.close(), LINGER.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                context.close();
            }
        }
    }
}
