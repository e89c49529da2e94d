package io.github.timcallback.groupfull.jetty;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@code @ObservesAsync} observer whose downstream was down for a moment: the first
 * notification of each group named {@code @TGS#flaky-...} fails, later ones succeed.
 */
@ApplicationScoped
public class FlakyAsyncObserver {

    static final String PREFIX = "@TGS#flaky-";
    static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) {
        if (event.groupId().startsWith(PREFIX)
                && ATTEMPTS.computeIfAbsent(event.groupId(), group -> new AtomicInteger()).incrementAndGet() == 1) {
            throw new IllegalStateException("the downstream was down for a second");
        }
    }
}
