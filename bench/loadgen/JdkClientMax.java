import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JDK HttpClient (HTTP/1.1, sendAsync) at its maximum rate, the candidate the kit's generator
 * was measured against: CONNECTIONS chains of requests, each sending the next when its answer
 * arrives (the client opens one connection per chain), counted over SECONDS after a 10 s warm-up.
 * Prints "requests/s errors".
 * usage: java JdkClientMax.java URL BODY_FILE CONNECTIONS SECONDS
 */
public class JdkClientMax {
    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int chains = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2)).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        long from = start + 10_000_000_000L; // the JIT warms up first, as for the kit's generator
        long to = from + seconds * 1_000_000_000L;
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(chains);
        for (int c = 0; c < chains; c++) {
            chain(client, request, from, to, ok, errors, done);
        }
        done.await();
        System.out.printf(java.util.Locale.ROOT, "%.1f %d%n", ok.get() / (double) seconds, errors.get());
        System.exit(0);
    }

    static void chain(HttpClient client, HttpRequest request, long from, long to, AtomicLong ok, AtomicLong errors,
            CountDownLatch done) {
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            long now = System.nanoTime();
            if (now >= from && now < to) {
                if (failure == null && response.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                }
            }
            if (now >= to) {
                done.countDown();
            } else {
                chain(client, request, from, to, ok, errors, done);
            }
        });
    }
}
