package io.github.timcallback.groupfull.bench;

import io.github.timcallback.groupfull.jetty.EmbeddedReceiver;
import io.github.timcallback.groupfull.ParsingBareServlet;
import io.github.timcallback.groupfull.jetty.RawHttp;
import jakarta.servlet.Servlet;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The load test's server (src/bench/load.sh): the receiver's real web.xml on embedded Jetty with
 * Weld, and the bare fixed-answer servlet beside it at {@code /bare} as a web application of its
 * own, in one container. Prints
 * how long the first callbacks took, then its port, and runs until its standard input closes
 * or {@code maxSeconds} (first argument, default 1800) have passed. With {@code --cpu} as second
 * argument it also measures the CPU time spent on each request, per path ({@link CpuPerPath}),
 * and serves {@link ParsingBareServlet} at {@code /bare-parse}, a web application of its own too.
 */
public final class BenchServer {

    static final String APP = ReceiverBenchmark.APP;
    static final String QUERY = "?" + ReceiverBenchmark.QUERY;
    static final byte[] SAMPLE = ReceiverBenchmark.utf8(ReceiverBenchmark.SAMPLE);

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        long maxSeconds = args.length > 0 ? Long.parseLong(args[0]) : 1800;
        boolean cpu = args.length > 1 && args[1].equals("--cpu");
        Map<String, Class<? extends Servlet>> beside = cpu
                ? Map.of("/bare", BareServlet.class, "/bare-parse", ParsingBareServlet.class)
                : Map.of("/bare", BareServlet.class);
        try (EmbeddedReceiver server = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP), true,
                beside, cpu ? CpuPerPath::new : UnaryOperator.identity())) {
            // Jetty's own first-request costs are paid by the bare servlet, so that what the
            // receiver's first callbacks show is its own cold start.
            System.out.printf("first-bare-ms=%.1f%n", millis(server, "/bare" + QUERY));
            for (int i = 1; i <= 3; i++) {
                System.out.printf("callback-%d-ms=%.1f%n", i, millis(server, EmbeddedReceiver.PATH + QUERY));
            }
            System.out.println("port=" + server.port());
            System.out.flush();
            Thread stdinWatcher = new Thread(() -> {
                try {
                    System.in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException ignored) {
                    // closed either way
                }
            });
            stdinWatcher.setDaemon(true);
            stdinWatcher.start();
            stdinWatcher.join(maxSeconds * 1000);
        }
    }

    private static double millis(EmbeddedReceiver server, String target) throws Exception {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.exchange(server.uri("/"), RawHttp.post(target, SAMPLE));
        double millis = (System.nanoTime() - start) / 1e6;
        if (answer.status() != 200) {
            throw new IllegalStateException(target + " answered " + answer.status() + ": " + answer.body());
        }
        return millis;
    }
}
