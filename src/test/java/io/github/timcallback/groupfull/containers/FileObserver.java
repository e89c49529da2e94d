package io.github.timcallback.groupfull.containers;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An observer that the Tomcat tests add to a deployed application: it appends one line per
 * delivery to the file named by the environment variable OBSERVER_LOG, so the test in another
 * process can see what arrived. It becomes a bean only in the archives those tests build
 * ({@link TomcatInstance#ALL_BEANS_XML}). Like an observer backed by a per-request database
 * session, it uses a {@code @RequestScoped} bean: without a request context, it fails.
 */
public class FileObserver {

    @Inject
    Delivery delivery;

    void onGroupFull(@Observes GroupFullEvent event) {
        delivery.count();
        append("sync " + event.groupId() + " " + event.sdkAppId());
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) {
        append("async " + event.groupId() + " " + event.sdkAppId());
    }

    /** One per request context. */
    @RequestScoped
    public static class Delivery {
        private int count;

        void count() {
            count++;
        }
    }

    private static synchronized void append(String line) {
        try {
            Files.writeString(Path.of(System.getenv("OBSERVER_LOG")), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
