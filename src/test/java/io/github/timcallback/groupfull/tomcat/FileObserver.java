package io.github.timcallback.groupfull.tomcat;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
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
 * ({@link TomcatInstance#ALL_BEANS_XML}).
 */
public class FileObserver {

    void onGroupFull(@Observes GroupFullEvent event) {
        append("sync " + event.groupId() + " " + event.sdkAppId());
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) {
        append("async " + event.groupId() + " " + event.sdkAppId());
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
