package io.ctkit.bundle;

import com.sun.management.ThreadMXBean;
import io.ctkit.bundle.TarCases.Case;
import io.ctkit.bundle.TarReaders.Impl;
import io.ctkit.bundle.TarReaders.Kind;
import io.ctkit.bundle.TarReaders.Outcome;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Differential fuzzing of the two tar readers: seeded mutations of valid bundle tars and of every
 * refusal case, each opened by both (full Bundle.open: reader + manifest verification) on its own
 * thread with a timeout. Reports crashes (any throwable but BundleException), hangs, the most
 * memory allocated relative to the file, and disagreements grouped by their messages.
 *
 * <p>{@code TarFuzz [cases] [seed] [timeoutMs]}; {@code TarFuzz --case N [seed]} re-runs one case
 * and writes it to target/fuzz-case-N.tar.
 */
public final class TarFuzz {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    record Run(Outcome outcome, long allocated, long nanos, boolean hung) {
    }

    public static void main(String[] args) throws Exception {
        boolean single = args.length > 0 && args[0].equals("--case");
        int cases = single ? 0 : args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261205L;
        long timeoutMs = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
        List<byte[]> seeds = seeds();
        Path dir = Files.createTempDirectory("tarfuzz");
        if (single) {
            int n = Integer.parseInt(args[1]);
            seed = args.length > 2 ? Long.parseLong(args[2]) : 20261205L;
            List<String> log = new ArrayList<>();
            byte[] tar = generate(seeds, seed, n, log);
            Path file = Files.write(Path.of("target/fuzz-case-" + n + ".tar"), tar);
            System.out.println("case " + n + " " + log + " (" + tar.length + " bytes) -> " + file);
            for (Impl impl : Impl.values()) {
                System.out.println(impl + ": " + TarReaders.outcome(impl, file, BundleVerification.defaults()));
            }
            return;
        }
        ExecutorService[] workers = {Executors.newSingleThreadExecutor(daemon()), Executors.newSingleThreadExecutor(daemon())};
        Map<String, Integer> outcomes = new TreeMap<>();
        Map<String, List<String>> disagreements = new TreeMap<>();
        Map<String, List<String>> unexpected = new TreeMap<>();
        long[] maxAlloc = new long[2];
        String[] maxAllocCase = new String[2];
        double[] maxRatio = new double[2];
        long[] totalNanos = new long[2];
        int[] hangs = new int[2];
        int sameContent = 0;
        int differentContent = 0;
        // Warm-up, not counted: the first runs allocate for class loading and JIT, not for the archive.
        for (int i = 0; i < 300; i++) {
            Path file = Files.write(dir.resolve("c.tar"), generate(seeds, seed + 1, i, new ArrayList<>()));
            for (Impl impl : Impl.values()) {
                run(workers[impl.ordinal()], impl, file, timeoutMs);
            }
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < cases; i++) {
            List<String> log = new ArrayList<>();
            byte[] tar = generate(seeds, seed, i, log);
            Path file = Files.write(dir.resolve("c.tar"), tar);
            Run[] runs = new Run[2];
            for (Impl impl : Impl.values()) {
                int k = impl.ordinal();
                runs[k] = run(workers[k], impl, file, timeoutMs);
                if (runs[k].hung()) {
                    hangs[k]++;
                    workers[k].shutdownNow();
                    workers[k] = Executors.newSingleThreadExecutor(daemon());
                }
                totalNanos[k] += runs[k].nanos();
                double ratio = (double) runs[k].allocated() / Math.max(tar.length, 1);
                if (runs[k].allocated() > maxAlloc[k]) {
                    maxAlloc[k] = runs[k].allocated();
                    maxAllocCase[k] = "case " + i + " " + log + " " + tar.length + " bytes";
                }
                maxRatio[k] = Math.max(maxRatio[k], tar.length >= 4096 ? ratio : 0);
                if (runs[k].outcome().kind() == Kind.UNEXPECTED) {
                    unexpected.computeIfAbsent(impl + " " + runs[k].outcome().type(), x -> new ArrayList<>())
                            .add("case " + i + " " + log + ": " + runs[k].outcome().detail());
                }
            }
            Outcome a = runs[0].outcome();
            Outcome b = runs[1].outcome();
            String key = label(a) + " / " + label(b);
            outcomes.merge(key, 1, Integer::sum);
            if (a.kind() == Kind.ACCEPTED && b.kind() == Kind.ACCEPTED) {
                if (a.detail().equals(b.detail())) {
                    sameContent++;
                } else {
                    differentContent++;
                    disagreements.computeIfAbsent("both open, different content", x -> new ArrayList<>())
                            .add("case " + i + " " + log);
                }
            } else if (a.kind() != b.kind()) {
                String group = shape(a, file) + "  <>  " + shape(b, file);
                disagreements.computeIfAbsent(group, x -> new ArrayList<>()).add("case " + i + " " + log);
            }
            if ((i + 1) % 5000 == 0) {
                System.err.printf("%d cases, %.0f s%n", i + 1, (System.nanoTime() - t0) / 1e9);
            }
        }
        for (ExecutorService w : workers) {
            w.shutdownNow();
        }
        System.out.printf("# tar fuzz: %d cases, seed %d, timeout %d ms, %d seed archives, %.0f s, -Xmx %d MiB%n%n",
                cases, seed, timeoutMs, seeds.size(), (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println("outcome (current / compress): count");
        outcomes.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(e -> System.out.printf("  %-40s %6d%n", e.getKey(), e.getValue()));
        System.out.printf("%nboth open: %d same digest and files, %d different%n", sameContent, differentContent);
        for (Impl impl : Impl.values()) {
            int k = impl.ordinal();
            System.out.printf(Locale.ROOT, "%s: hangs %d, mean %.3f ms per case, most allocated %.1f MiB (%s), "
                    + "largest allocated/file-size ratio (files >= 4 KiB) %.1f (after 300 uncounted warm-up cases)%n", impl, hangs[k],
                    totalNanos[k] / 1e6 / Math.max(cases, 1), maxAlloc[k] / 1048576.0, maxAllocCase[k], maxRatio[k]);
        }
        System.out.println("\nunexpected throwables (not BundleException):");
        if (unexpected.isEmpty()) {
            System.out.println("  none");
        }
        unexpected.forEach((k, v) -> System.out.printf("  %s: %d, e.g. %s%n", k, v.size(), v.get(0)));
        System.out.println("\ndisagreements (current  <>  compress), by message shape:");
        disagreements.entrySet().stream().sorted((x, y) -> y.getValue().size() - x.getValue().size())
                .forEach(e -> System.out.printf("  %5d  %s%n         e.g. %s%n", e.getValue().size(), e.getKey(),
                        String.join("; ", e.getValue().subList(0, Math.min(2, e.getValue().size())))));
    }

    private static Run run(ExecutorService worker, Impl impl, Path file, long timeoutMs) throws Exception {
        Future<Run> f = worker.submit(() -> {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            long start = System.nanoTime();
            Outcome o;
            try {
                o = TarReaders.outcome(impl, file, BundleVerification.defaults());
            } catch (OutOfMemoryError e) {
                o = new Outcome(Kind.UNEXPECTED, "OutOfMemoryError", "java.lang.OutOfMemoryError");
            }
            return new Run(o, THREADS.getThreadAllocatedBytes(id) - before, System.nanoTime() - start, false);
        });
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Run(new Outcome(Kind.UNEXPECTED, "no answer within " + timeoutMs + " ms", "HANG"), 0,
                    timeoutMs * 1_000_000, true);
        }
    }

    /** Case {@code i}: a seed archive picked and mutated with a Random seeded from (seed, i). */
    static byte[] generate(List<byte[]> seeds, long seed, int i, List<String> log) {
        Random pick = new Random(seed * 1_000_003L + i);
        int s = pick.nextInt(seeds.size());
        log.add("seed" + s);
        return new TarMutator(pick.nextLong()).mutate(seeds.get(s), log);
    }

    /** Valid bundles (ours, Python's) and every refusal case small enough to mutate quickly. */
    static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        Path tmp = Files.createTempDirectory("seeds");
        Random r = new Random(1);
        for (int n = 0; n < 3; n++) {
            BundleWriter w = BundleWriter.create().add("model.json", "{\"format\":\"ctkit-model/1\"}\n".getBytes(
                    StandardCharsets.UTF_8));
            for (int f = 0; f <= n; f++) {
                byte[] weights = new byte[100 + r.nextInt(3000)];
                r.nextBytes(weights);
                w.add("weights/dense_" + f + "_W.npy", weights);
            }
            Path tar = tmp.resolve("b" + n + ".tar");
            w.writeTar(tar);
            seeds.add(Files.readAllBytes(tar));
        }
        for (Case c : TarCases.all()) {
            if (c.tar().length <= 256 << 10 && c.limits().maxFiles() == BundleVerification.DEFAULT_MAX_FILES
                    && c.limits().maxTotalBytes() == BundleVerification.DEFAULT_MAX_TOTAL_BYTES) {
                seeds.add(c.tar());
            }
        }
        return seeds;
    }

    private static String label(Outcome o) {
        return o.kind() == Kind.REFUSED ? "refused(" + o.type() + ")" : o.kind() == Kind.UNEXPECTED ? "CRASH " + o.type()
                : "opens";
    }

    /** A message with numbers and quoted names blanked, to group alike refusals. */
    private static String shape(Outcome o, Path file) {
        if (o.kind() == Kind.ACCEPTED) {
            return "opens";
        }
        String m = o.message(file).replaceAll("'[^']*'", "'…'").replaceAll("[0-9]+", "#");
        m = m.replaceAll(": [^;:]*; a bundle may hold only", ": …; a bundle may hold only");
        return (o.kind() == Kind.UNEXPECTED ? o.type() + ": " : "") + (m.length() > 110 ? m.substring(0, 110) + "…" : m);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        };
    }
}
