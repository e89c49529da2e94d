package io.github.timcallback.groupfull;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import java.lang.System.Logger.Level;

/**
 * The application's CDI observers of {@link GroupFullEvent}, reached through the portable
 * {@code CDI.current()}: container injection into servlets is not available everywhere (embedded
 * Jetty without its CDI decorator), while {@code CDI.current()} works in every CDI runtime.
 */
final class Observers {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());

    private final Event<GroupFullEvent> event;

    private Observers(Event<GroupFullEvent> event) {
        this.event = event;
    }

    /**
     * Looks the event up once; also resolves its observers now so the first callback does not pay for it.
     *
     * @throws IllegalStateException when no CDI container is running
     */
    static Observers lookUp(GroupFullEvent sample) {
        BeanManager beans = CDI.current().getBeanManager();
        beans.resolveObserverMethods(sample);
        return new Observers(beans.getEvent().select(GroupFullEvent.class));
    }

    /**
     * Notifies synchronous observers, then, if none of them failed, asynchronous ones.
     *
     * @throws RuntimeException whatever a synchronous observer threw
     */
    void notify(GroupFullEvent groupFull) {
        event.fire(groupFull);
        event.fireAsync(groupFull).exceptionally(failure -> {
            LOG.log(Level.ERROR, () -> "An asynchronous observer of GroupFullEvent failed for group "
                    + groupFull.groupId(), failure);
            return null;
        });
    }
}
