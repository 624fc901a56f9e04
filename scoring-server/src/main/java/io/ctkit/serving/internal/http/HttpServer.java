package io.ctkit.serving.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty HTTP/1.1 server: decodes requests with bounded line and header sizes, hands them to
 * {@link RequestReader}, and stops in two steps for a graceful shutdown ({@link #stopAccepting},
 * then {@link #awaitIdle} and {@link #close}).
 */
public final class HttpServer implements AutoCloseable {

    /**
     * Limits of the HTTP layer.
     *
     * @param idleTimeout a connection without a request for this long is closed
     * @param lingerTime after answering a request before its body was read (413, say), the
     *     longest the connection keeps discarding what the client still sends ({@link LingeringClose})
     * @param lingerMaxBytes and the most it discards
     */
    public record Settings(String host, int port, long maxBodyBytes, int maxInflight, int ioThreads,
            Duration idleTimeout, Duration lingerTime, long lingerMaxBytes) {

        /** What lingering closes wait at most: enough for a 64 MB body on a slow link, little for a server. */
        public static final Duration LINGER_TIME = Duration.ofSeconds(5);
        /** What lingering closes discard at most: 128 MiB. */
        public static final long LINGER_MAX_BYTES = 128L << 20;

        /** With the default lingering limits. */
        public Settings(String host, int port, long maxBodyBytes, int maxInflight, int ioThreads, Duration idleTimeout) {
            this(host, port, maxBodyBytes, maxInflight, ioThreads, idleTimeout, LINGER_TIME, LINGER_MAX_BYTES);
        }

        public Settings {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
            }
            if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("max body bytes must be from 1 to 2^31 - 9: " + maxBodyBytes);
            }
            if (ioThreads < 1) {
                throw new IllegalArgumentException("I/O threads must be at least 1: " + ioThreads);
            }
            if (lingerTime == null || lingerTime.isNegative() || lingerMaxBytes < 0) {
                throw new IllegalArgumentException("lingering close limits must not be negative: " + lingerTime + ", "
                        + lingerMaxBytes + " bytes");
            }
        }
    }

    /** Requests being handled, and whether the server is closing. */
    static final class State {
        private final AtomicBoolean closing = new AtomicBoolean();
        private final AtomicInteger active = new AtomicInteger();

        boolean closing() {
            return closing.get();
        }

        void started() {
            active.incrementAndGet();
        }

        void finished() {
            active.decrementAndGet();
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final InflightLimiter limiter;
    private final State state = new State();

    private HttpServer(Settings settings, Api api) throws InterruptedException {
        this.limiter = new InflightLimiter(settings.maxInflight());
        this.boss = new NioEventLoopGroup(1);
        this.workers = new NioEventLoopGroup(settings.ioThreads());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec(4096, 8192, 65536))
                                .addLast(new RequestReader(api, settings, limiter, state));
                    }
                });
        try {
            this.channel = bootstrap.bind(settings.host(), settings.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws java.net.BindException (sneakily, from Netty) if the port is taken
     */
    public static HttpServer start(Settings settings, Api api) throws InterruptedException {
        return new HttpServer(settings, api);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** The bound address and port. */
    public java.net.SocketAddress localAddress() {
        return channel.localAddress();
    }

    public int inflight() {
        return limiter.inflight();
    }

    /** Requests admitted and not yet answered, probes included. */
    public int active() {
        return state.active.get();
    }

    /** Closes the listening socket; requests already admitted go on, new ones on open connections get 503. */
    public void stopAccepting() {
        state.closing.set(true);
        channel.close().syncUninterruptibly();
    }

    /** Waits until no request is in progress, up to {@code timeout}; true if none is left. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state.active.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @Override
    public void close() {
        state.closing.set(true);
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
