package io.github.timcallback.groupfull.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The CPU time the handling thread spends on each request, from the moment the container
 * hands the request to the applications until they return (routing, the web application's
 * filters and listeners, the servlet, writing the answer), summed per path. On a shared
 * machine whose speed drifts, driving both servlets interleaved request by request and
 * comparing this per path is far steadier than comparing throughput of runs taken in turn.
 * {@code GET /cpu-per-request} answers "path requests mean-µs" per line, and starts over.
 */
final class CpuPerPath extends Handler.Wrapper {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final Map<String, LongAdder[]> sums = new ConcurrentHashMap<>();

    CpuPerPath(Handler applications) {
        super(applications);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = request.getHttpURI().getPath();
        if (path.equals("/cpu-per-request")) {
            StringBuilder report = new StringBuilder();
            new TreeMap<>(sums).forEach((p, sum) -> report.append(String.format("%s %d %.2f%n",
                    p, sum[0].sum(), sum[1].sum() / 1e3 / Math.max(1, sum[0].sum()))));
            sums.clear();
            response.setStatus(200);
            response.write(true, ByteBuffer.wrap(report.toString().getBytes(StandardCharsets.US_ASCII)), callback);
            return true;
        }
        long start = THREADS.getCurrentThreadCpuTime();
        try {
            return super.handle(request, response, callback);
        } finally {
            long spent = THREADS.getCurrentThreadCpuTime() - start;
            LongAdder[] sum = sums.computeIfAbsent(path, p -> new LongAdder[] {new LongAdder(), new LongAdder()});
            sum[0].increment();
            sum[1].add(spent);
        }
    }
}
