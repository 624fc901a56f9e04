package io.ctkit.testkit.internal.serving;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The open-loop load generator: requests are due at a constant rate on one schedule shared by all
 * connections (request {@code i} at {@code start + i / rate}), a free connection takes the next due
 * request, and each latency is measured from the request's due time, not from when it could be
 * sent: time a request spends waiting behind a slow one is counted, as wrk2 does to correct
 * coordinated omission. The service time (from the actual send) is recorded as well: it is what a
 * closed-loop tool would report.
 *
 * <p>The measured window: answers that arrive after the warm-up. Requests are sent until the
 * window's end and those in flight then are awaited. A request is counted by when its answer came,
 * not by when it was due: under overload the requests answered are ones that fell due long before,
 * and their latencies show it (counting by due time would leave an overloaded window empty).
 *
 * <p>Netty, non-blocking: each connection lives on one event loop and keeps one request in flight
 * (HTTP/1.1 keep-alive, no pipelining, as wrk). The choice against the JDK HttpClient was measured
 * (docs/ml-test-kit-serving.md, BENCHMARKS.md).
 */
public final class OpenLoop {

    private static final long HIGHEST = TimeUnit.MINUTES.toNanos(10);

    /**
     * What to run.
     *
     * @param uri the URL requests go to
     * @param bodies request bodies, used in turn (POST); empty for GET
     */
    public record Settings(URI uri, List<byte[]> bodies, String contentType, double rate, Duration warmUp,
            Duration duration, int connections, Duration timeout) {
        public Settings {
            bodies = List.copyOf(bodies);
        }
    }

    /**
     * What happened in the measured window (warm-up excluded).
     *
     * @param latency from each request's due time to its response (corrected for coordinated omission), ns
     * @param serviceTime from each request's actual send to its response (what a closed loop reports), ns
     * @param responses responses of any status, and failures, that arrived after the warm-up
     * @param unsent requests due in the window that no connection was free to send before it ended
     */
    public record Outcome(Histogram latency, Histogram serviceTime, long responses, long unsent,
            Map<Integer, Long> errorsByStatus, Map<String, Long> errorsByCause, Duration measured) {
    }

    private final Settings settings;
    private final String host;
    private final int port;
    private final String path;
    private final long total;
    private final AtomicLong next = new AtomicLong();
    private long start;
    private long measureFrom;
    private long measureTo;

    private OpenLoop(Settings settings) {
        this.settings = settings;
        URI uri = settings.uri();
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("load test target " + uri + ": only http:// URLs with a host are supported");
        }
        this.host = uri.getHost();
        this.port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        double seconds = (settings.warmUp().toNanos() + settings.duration().toNanos()) / 1e9;
        this.total = (long) Math.floor(seconds * settings.rate());
    }

    /**
     * Runs the load and waits for it (at most the run, plus the request timeout, plus 10 s).
     *
     * @throws IllegalStateException when no connection to the target can be opened
     */
    public static Outcome run(Settings settings) throws InterruptedException {
        return new OpenLoop(settings).run();
    }

    private Outcome run() throws InterruptedException {
        int threads = Math.max(1, Math.min(settings.connections(), Runtime.getRuntime().availableProcessors()));
        NioEventLoopGroup group = new NioEventLoopGroup(threads, new DefaultThreadFactory("ctkit-load", true));
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(settings.timeout().toMillis(), 30_000));
            Connection[] connections = new Connection[settings.connections()];
            CountDownLatch done = new CountDownLatch(connections.length);
            for (int c = 0; c < connections.length; c++) {
                connections[c] = new Connection(bootstrap, group.next(), done);
                ChannelFuture connect = connections[c].connect().awaitUninterruptibly();
                if (!connect.isSuccess()) {
                    throw new IllegalStateException("load test: cannot connect to " + host + ":" + port + " ("
                            + settings.uri() + "): " + cause(connect.cause()));
                }
            }
            start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
            measureFrom = start + settings.warmUp().toNanos();
            measureTo = measureFrom + settings.duration().toNanos();
            for (Connection connection : connections) {
                connection.loop.execute(connection::takeNext);
            }
            long deadline = settings.warmUp().plus(settings.duration()).plus(settings.timeout()).plusSeconds(10).toNanos();
            if (!done.await(deadline, TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("load test: the connections did not finish within " + Duration.ofNanos(deadline)
                        + " (the run, plus the request timeout " + settings.timeout() + ", plus 10 s)");
            }
            Histogram latency = new Histogram(HIGHEST, 3);
            Histogram service = new Histogram(HIGHEST, 3);
            Map<Integer, Long> statuses = new TreeMap<>();
            Map<String, Long> causes = new TreeMap<>();
            long responses = 0;
            for (Connection connection : connections) {
                latency.add(connection.latency);
                service.add(connection.service);
                connection.statuses.forEach((k, v) -> statuses.merge(k, v, Long::sum));
                connection.causes.forEach((k, v) -> causes.merge(k, v, Long::sum));
                responses += connection.responses;
            }
            long dueInWindow = Math.max(0, total - firstMeasured());
            long taken = Math.min(next.get(), total);
            long unsent = total - taken;
            unsent = Math.min(unsent, dueInWindow);
            return new Outcome(latency, service, responses, unsent, statuses, causes, settings.duration());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private long due(long i) {
        return start + (long) (i * 1e9 / settings.rate());
    }

    private long firstMeasured() {
        return (long) Math.ceil(settings.warmUp().toNanos() / 1e9 * settings.rate());
    }

    private static String cause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One keep-alive connection; every field is touched on its event loop only. */
    private final class Connection extends SimpleChannelInboundHandler<FullHttpResponse> {
        final Bootstrap bootstrap;
        final EventLoop loop;
        final CountDownLatch done;
        final Histogram latency = new Histogram(HIGHEST, 3);
        final Histogram service = new Histogram(HIGHEST, 3);
        final Map<Integer, Long> statuses = new TreeMap<>();
        final Map<String, Long> causes = new TreeMap<>();
        long responses;
        Channel channel;
        long ticket = -1;
        long sentAt;
        boolean inFlight;
        ScheduledFuture<?> timeout;
        boolean finished;

        Connection(Bootstrap bootstrap, EventLoop loop, CountDownLatch done) {
            this.bootstrap = bootstrap;
            this.loop = loop;
            this.done = done;
        }

        ChannelFuture connect() {
            ChannelFuture future = bootstrap.clone(loop).handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 << 20), Connection.this);
                }
            }).connect(host, port);
            channel = future.channel();
            return future;
        }

        /** Takes the next due request, or ends this connection when the window is over. */
        void takeNext() {
            long now = System.nanoTime();
            if (now >= measureTo) {
                finish();
                return;
            }
            long i = next.getAndIncrement();
            if (i >= total) {
                finish();
                return;
            }
            ticket = i;
            long wait = due(i) - now;
            if (wait > 0) {
                loop.schedule(this::send, wait, TimeUnit.NANOSECONDS);
            } else {
                send();
            }
        }

        void send() {
            if (channel == null || !channel.isActive()) {
                connect().addListener(f -> {
                    if (f.isSuccess()) {
                        write();
                    } else {
                        failed("connect: " + cause(f.cause()));
                    }
                });
            } else {
                write();
            }
        }

        void write() {
            List<byte[]> bodies = settings.bodies();
            FullHttpRequest request;
            if (bodies.isEmpty()) {
                request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
            } else {
                byte[] body = bodies.get((int) (ticket % bodies.size()));
                request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
                request.headers().set(HttpHeaderNames.CONTENT_TYPE, settings.contentType());
            }
            request.headers().set(HttpHeaderNames.HOST, host + ":" + port);
            HttpUtil.setContentLength(request, request.content().readableBytes());
            request.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            sentAt = System.nanoTime();
            inFlight = true;
            long limit = settings.timeout().toNanos();
            Channel sending = channel;
            timeout = loop.schedule(() -> {
                if (channel == sending && inFlight) {
                    channel = null;
                    sending.close();
                    failed("timeout after " + settings.timeout().toMillis() + " ms");
                }
            }, limit, TimeUnit.NANOSECONDS);
            sending.writeAndFlush(request).addListener(f -> {
                if (!f.isSuccess() && channel == sending) {
                    channel = null;
                    sending.close();
                    failed("write: " + cause(f.cause()));
                }
            });
        }

        @Override
        public boolean isSharable() {
            return true; // the same handler serves each channel this connection reopens, one at a time
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (!inFlight || ctx.channel() != channel) {
                return;
            }
            long now = System.nanoTime();
            inFlight = false;
            cancelTimeout();
            if (now >= measureFrom) {
                responses++;
                latency.recordValue(Math.min(HIGHEST, Math.max(0, now - due(ticket))));
                service.recordValue(Math.min(HIGHEST, Math.max(0, now - sentAt)));
                int status = response.status().code();
                if (status < 200 || status >= 300) {
                    statuses.merge(status, 1L, Long::sum);
                }
            }
            if (!HttpUtil.isKeepAlive(response)) {
                channel = null;
                ctx.close();
            }
            ticket = -1;
            takeNext();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel && inFlight) {
                channel = null;
                failed("connection closed by the server");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == channel && inFlight) {
                channel = null;
                ctx.close();
                failed(cause(cause));
            } else {
                ctx.close();
            }
        }

        private void failed(String why) {
            cancelTimeout();
            inFlight = false;
            if (ticket < 0) {
                return;
            }
            if (System.nanoTime() >= measureFrom) {
                responses++;
                causes.merge(why, 1L, Long::sum);
            }
            ticket = -1;
            takeNext();
        }

        private void cancelTimeout() {
            if (timeout != null) {
                timeout.cancel(false);
                timeout = null;
            }
        }

        private void finish() {
            if (!finished) {
                finished = true;
                if (channel != null) {
                    channel.close();
                }
                done.countDown();
            }
        }
    }
}
