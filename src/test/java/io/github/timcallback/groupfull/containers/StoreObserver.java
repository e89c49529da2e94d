package io.github.timcallback.groupfull.containers;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The observer of the delivery store's container tests, in the Tomcat process: one line per
 * delivery, {@code sync GROUP INSTANCE} or {@code async GROUP INSTANCE}, appended to the file
 * named by OBSERVER_LOG (INSTANCE from the variable of that name). Its asynchronous side takes
 * 50 ms for groups named {@code @TGS#slow-...}, as work that calls another service does (a
 * minute in the server named {@code first}, which the tests kill while it works), and
 * fails the first time for groups named {@code @TGS#flaky-...}.
 */
public class StoreObserver {

    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    void onGroupFull(@Observes GroupFullEvent event) {
        append("sync " + event.groupId());
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) throws InterruptedException {
        if (event.groupId().startsWith("@TGS#slow-")) {
            // The first server is killed while it works: there it takes a minute, so that the kill
            // leaves work undone however fast the machine accepts callbacks.
            Thread.sleep("first".equals(System.getenv("INSTANCE")) ? 60_000 : 50);
        }
        if (event.groupId().startsWith("@TGS#flaky-") && FAILED_ONCE.add(event.groupId())) {
            throw new IllegalStateException("the downstream service was down for a moment");
        }
        append("async " + event.groupId());
    }

    private static synchronized void append(String line) {
        try {
            Files.writeString(Path.of(System.getenv("OBSERVER_LOG")), line + " " + System.getenv("INSTANCE") + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
