import io.ctkit.testkit.LoadResult;
import io.ctkit.testkit.LoadTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The kit's load generator at its maximum rate: an open-loop target far above what the server can
 * answer, so every connection always has a request due and the achieved rate is the most the
 * generator and the server manage together. The first 10 s warm the JIT up and are not counted. Prints "requests/s p50_ms p99_ms errors".
 * usage: java -cp KIT_CLASSPATH GeneratorMax.java URL BODY_FILE CONNECTIONS SECONDS
 */
public class GeneratorMax {
    /** The JVM needs this long on a busy machine before the JIT has compiled the client's paths (wrk needs none). */
    static final int WARM_UP_SECONDS = 10;

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        String body = Files.readString(Path.of(args[1]));
        int connections = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        LoadResult result = LoadTest.against(url).rate(1_000_000).warmUp(Duration.ofSeconds(WARM_UP_SECONDS))
                .duration(Duration.ofSeconds(seconds)).connections(connections).timeout(Duration.ofSeconds(30))
                .bodies(List.of(body)).run();
        System.out.printf(java.util.Locale.ROOT, "%.1f %.3f %.3f %d%n", result.achievedRate(),
                result.serviceTime(50).toNanos() / 1e6, result.serviceTime(99).toNanos() / 1e6, result.errors());
    }
}
