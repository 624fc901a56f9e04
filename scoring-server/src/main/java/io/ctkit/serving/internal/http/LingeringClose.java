package io.ctkit.serving.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request was answered before its body was read (a 413 for a body over
 * the limit, a 400 for a malformed request, a 503 once shutdown began) as nginx's lingering close
 * does. Closing a socket whose receive buffer still holds unread bytes makes the kernel send a
 * reset instead of a normal end, and a client that writes its whole body before it reads (Python's
 * http.client and requests, many proxies) then sees a broken pipe or "connection reset" in place
 * of the answer, which is lost with its message. So, once the answer is written, the server ends
 * its side (a TCP half-close, so the client reads the answer to its end) and goes on reading and
 * discarding what the client still sends, until the client closes, or {@code maxBytes} were
 * discarded, or {@code time} has passed; only then it closes.
 *
 * <p>Installed at the head of the pipeline, it takes every later read, so no byte of the refused
 * body reaches the HTTP decoder and nothing is buffered: lingering costs a socket, a timer and the
 * reading, never memory, and it holds no in-flight permit.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {

    static final String NAME = "ctkit-lingering-close";

    private final long maxBytes;
    private long discarded;
    private ScheduledFuture<?> deadline;

    private LingeringClose(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Starts lingering on {@code ctx}'s channel: from now on its input is discarded; once
     * {@code answer} is written, the output is shut down and the channel is closed after at most
     * {@code time}, or as soon as the client closes or has sent {@code maxBytes} more.
     */
    static void start(ChannelHandlerContext ctx, ChannelFuture answer, Duration time, long maxBytes) {
        if (ctx.pipeline().get(NAME) != null) {
            return;
        }
        LingeringClose linger = new LingeringClose(maxBytes);
        ctx.pipeline().addFirst(NAME, linger);
        // counted from the refusal, not from the answer's write, so that a client that reads nothing is bounded too
        linger.deadline = ctx.channel().eventLoop().schedule(() -> ctx.channel().close(), time.toNanos(),
                TimeUnit.NANOSECONDS);
        // RequestReader stops reading while it is busy with a request; the refused body must flow
        ctx.channel().config().setAutoRead(true);
        answer.addListener(written -> {
            if (!written.isSuccess() || !(ctx.channel() instanceof SocketChannel socket)) {
                ctx.channel().close();
                return;
            }
            // the FIN tells the client the answer is complete, while its own bytes are still read
            socket.shutdownOutput();
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            discarded += bytes.readableBytes();
        }
        ReferenceCountUtil.release(msg);
        if (discarded > maxBytes) {
            // past the cap the client loses the answer if it has not read it yet; reading on would cost without end
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // nothing was passed on, so the HTTP decoder has nothing to complete
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (deadline != null) {
            deadline.cancel(false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset by the client while we linger: it has stopped listening, which is what we waited for
        ctx.close();
    }
}
