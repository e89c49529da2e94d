package io.github.timcallback.groupfull.sample;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.System.Logger.Level;

/**
 * The sample observer that {@code mvn jetty:run} deploys (test scope, never in the WAR): it
 * logs every GroupFullEvent, once on the request thread and once asynchronously.
 */
@ApplicationScoped
public class LoggingObserver {

    private static final System.Logger LOG = System.getLogger(LoggingObserver.class.getName());

    void onGroupFull(@Observes GroupFullEvent event) {
        LOG.log(Level.INFO, "Group full (sync observer): " + event);
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) {
        LOG.log(Level.INFO, "Group full (async observer): " + event);
    }
}
