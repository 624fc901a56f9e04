package io.ctkit.serving.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Admits and collects one request at a time per connection. Before any body byte is kept it
 * checks the in-flight bound (503 + Retry-After) and a declared Content-Length against the body
 * limit (413: the body is never kept); a chunked body is cut off with 413 as soon as it passes the
 * limit. A connection answered before its request was read to the end is closed by
 * {@link LingeringClose}, so that a client still sending its body gets to read the answer.
 * Admitted requests go to the {@link Api}; the permit is released when the response has been
 * written. A HEAD is answered as the API answers it (as a GET, where
 * GET is allowed), with that answer's headers and Content-Length but no body.
 */
final class RequestReader extends ChannelInboundHandlerAdapter {

    /**
     * Response headers are not checked for every response (a profile showed the cost): names are
     * all ctkit's own constants, and so are values but three, which are checked where they are
     * made: the model name (model.json's name or --model-name, both held to
     * {@code ModelDefinition.checkName}), the version (a version directory's digits) and the
     * prediction id (hex digits and '-'). Nothing a client sends is echoed in a header.
     */
    private static final DefaultHttpHeadersFactory RESPONSE_HEADERS =
            DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Api api;
    private final HttpServer.Settings settings;
    private final InflightLimiter limiter;
    private final HttpServer.State state;

    private HttpRequest request;
    private String path;
    private boolean headOnly;
    private long startNanos;
    private boolean discarding;
    private boolean permit;
    private byte[] body;
    private int length;
    private boolean busy;
    /** A refusal closes the connection: whatever was decoded after it is dropped. */
    private boolean closing;
    private final java.util.ArrayDeque<Object> pending = new java.util.ArrayDeque<>();

    RequestReader(Api api, HttpServer.Settings settings, InflightLimiter limiter, HttpServer.State state) {
        this.api = api;
        this.settings = settings;
        this.limiter = limiter;
        this.state = state;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (busy) {
            // a pipelined request: hold it until the response before it is written, so answers keep their order
            pending.add(msg);
            return;
        }
        try {
            if (msg instanceof HttpRequest head) {
                begin(ctx, head);
            }
            if (msg instanceof HttpContent content && !discarding && request != null) {
                append(ctx, content.content());
                if (!discarding && msg instanceof LastHttpContent) {
                    dispatch(ctx);
                }
            } else if (msg instanceof LastHttpContent) {
                discarding = false;
            }
        } finally {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest head) {
        startNanos = System.nanoTime();
        request = head;
        headOnly = HttpMethod.HEAD.equals(head.method());
        body = null;
        length = 0;
        discarding = false;
        if (head.decoderResult().isFailure()) {
            String cause = String.valueOf(head.decoderResult().cause() == null ? "unknown"
                    : head.decoderResult().cause().getMessage());
            reject(ctx, "invalid", 400, "malformed HTTP request: " + cause, true, Map.of());
            return;
        }
        try {
            path = new QueryStringDecoder(head.uri()).path();
        } catch (IllegalArgumentException e) {
            reject(ctx, "invalid", 400, "malformed request path: " + e.getMessage(), true, Map.of());
            return;
        }
        String endpoint = api.endpoint(head.method().name(), path);
        if (state.closing()) {
            reject(ctx, endpoint, 503, "the server is shutting down; retry on another replica", true,
                    Map.of("Retry-After", "1"));
            return;
        }
        long declared = HttpUtil.getContentLength(head, -1L);
        if (declared > settings.maxBodyBytes()) {
            reject(ctx, endpoint, 413, "request body of " + declared + " bytes is larger than the limit of "
                    + settings.maxBodyBytes() + " bytes (--max-body-bytes)", true, Map.of());
            return;
        }
        // probes are never refused for load, but only bodiless GETs and HEADs count as probes: a body costs memory
        boolean probe = (head.method().name().equals("GET") || headOnly) && declared <= 0
                && !HttpUtil.isTransferEncodingChunked(head) && api.exempt(path);
        if (!probe) {
            if (!limiter.tryAcquire()) {
                // A client that asked for 100-continue may, told 503 instead, never send the body it
                // declared (RFC 9110 10.1.1); kept open, the connection would read its next request
                // as that body. So such a refusal closes the connection.
                reject(ctx, endpoint, 503, "overloaded: " + limiter.max() + " requests are in flight"
                        + " (--max-inflight); retry shortly",
                        !HttpUtil.isKeepAlive(head) || HttpUtil.is100ContinueExpected(head),
                        Map.of("Retry-After", "1"));
                return;
            }
            permit = true;
        }
        state.started();
        if (HttpUtil.is100ContinueExpected(head)) {
            // As bytes below the codec: Netty 4.1's HttpServerCodec takes one entry from its queue of request methods
            // for every response it encodes, interim ones included (netty#17181), so after a 100 sent through it the
            // answers to requests pipelined behind this one are paired with the wrong methods: the answer before a
            // pipelined HEAD would lose its body.
            ctx.pipeline().context(HttpServerCodec.class).writeAndFlush(Unpooled.wrappedBuffer(CONTINUE));
        }
        // a declared length is only a promise: allocate a little and grow as bytes arrive
        body = new byte[(int) Math.max(0, Math.min(declared, Math.min(settings.maxBodyBytes(), 64 * 1024)))];
    }

    private void append(ChannelHandlerContext ctx, ByteBuf content) {
        int readable = content.readableBytes();
        if (readable == 0) {
            return;
        }
        if ((long) length + readable > settings.maxBodyBytes()) {
            finish();
            reject(ctx, api.endpoint(request.method().name(), path), 413, "request body is larger than the limit of "
                    + settings.maxBodyBytes() + " bytes (--max-body-bytes)", true, Map.of());
            return;
        }
        if (length + readable > body.length) {
            body = java.util.Arrays.copyOf(body, (int) Math.min(settings.maxBodyBytes(),
                    Math.max((long) body.length * 2, (long) length + readable)));
        }
        content.readBytes(body, length, readable);
        length += readable;
    }

    private void dispatch(ChannelHandlerContext ctx) {
        HttpRequest head = request;
        boolean keepAlive = HttpUtil.isKeepAlive(head);
        boolean bodiless = headOnly;
        byte[] bytes = length == body.length ? body : java.util.Arrays.copyOf(body, length);
        String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
        ApiRequest api = new ApiRequest(head.method().name(), path, contentType, bytes, startNanos);
        boolean held = permit;
        permit = false;
        request = null;
        body = null;
        busy = true;
        ctx.channel().config().setAutoRead(false);
        java.util.concurrent.CompletableFuture<ApiResponse> answered;
        try {
            answered = this.api.handle(api);
        } catch (Throwable e) {
            // an Error (an OutOfMemoryError, say) thrown before the API made a future of it: the
            // request must still be answered and its permit released, or every such request would
            // take one of the --max-inflight slots for good
            answered = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        answered.whenComplete((response, failure) -> {
            ApiResponse answer = response != null ? response
                    : ApiResponse.json("internal", 500, this.api.error("internal error: " + failure));
            boolean open = keepAlive && !state.closing();
            io.netty.channel.ChannelFuture written = write(ctx, answer, open, bodiless);
            if (!open) {
                // the request was read to its end: nothing is left unread, so a plain close ends cleanly
                written.addListener(ChannelFutureListener.CLOSE);
            }
            written.addListener(f -> {
                if (held) {
                    limiter.release();
                }
                state.finished();
                this.api.completed(answer.endpoint(), answer.status(), api.startNanos());
                resume(ctx);
            });
        });
    }

    /** Runs on the event loop once a response is written: replays held messages, then reads again. */
    private void resume(ChannelHandlerContext ctx) {
        busy = false;
        while (!busy && !pending.isEmpty()) {
            channelRead(ctx, pending.poll());
        }
        if (!busy && ctx.channel().isActive()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void finish() {
        if (permit) {
            limiter.release();
            permit = false;
        }
        state.finished();
    }

    private void reject(ChannelHandlerContext ctx, String endpoint, int status, String message, boolean close,
            Map<String, String> headers) {
        discarding = true;
        request = null;
        body = null;
        long start = startNanos;
        io.netty.channel.ChannelFuture written = write(ctx, ApiResponse.json(endpoint, status, api.error(message))
                .withHeaders(headers), !close, headOnly);
        written.addListener(f -> api.completed(endpoint, status, start));
        if (close) {
            // answered before the request's end was read: the client may still be sending its body
            closing = true;
            LingeringClose.start(ctx, written, settings.lingerTime(), settings.lingerMaxBytes());
        }
    }

    /**
     * Writes the answer; for a HEAD ({@code bodiless}) its headers only, Content-Length still that
     * of its body. Without {@code keepAlive} it says {@code Connection: close}; the caller closes.
     */
    private io.netty.channel.ChannelFuture write(ChannelHandlerContext ctx, ApiResponse answer, boolean keepAlive,
            boolean bodiless) {
        // the codec would drop a HEAD answer's body too, but only while its method pairing is right: do not rely on it
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                bodiless ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()), RESPONSE_HEADERS,
                DefaultHttpHeadersFactory.trailersFactory());
        var headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        answer.headers().forEach(headers::set);
        if (keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            return ctx.writeAndFlush(response);
        }
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return ctx.writeAndFlush(response);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && request == null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        while (!pending.isEmpty()) {
            io.netty.util.ReferenceCountUtil.release(pending.poll());
        }
        if (request != null) {
            finish();
            request = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
