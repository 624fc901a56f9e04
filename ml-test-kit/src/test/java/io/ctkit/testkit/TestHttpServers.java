package io.ctkit.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The JDK's HTTP server on a free loopback port, with Nagle's algorithm off. Without it the server
 * writes an answer's headers and body in two segments, the second waits for the client's delayed
 * ACK (40 ms), and the server, not the code under test, sets the pace. The JDK reads the switch
 * once, when its first server is made: every test makes its servers here.
 */
final class TestHttpServers {

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private TestHttpServers() {
    }

    static HttpServer create() throws IOException {
        return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    }
}
