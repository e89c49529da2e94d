package io.github.timcallback.groupfull;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.lang.System.Logger.Level;
import java.util.Set;

/**
 * The application's CDI observers of {@link GroupFullEvent}, reached through the portable
 * {@code CDI.current()}: container injection into servlets is not available everywhere (embedded
 * Jetty without its CDI decorator), while {@code CDI.current()} works in every CDI runtime.
 *
 * <p>The observers are resolved once: CDI fixes them when the application deploys. When the
 * application has no {@code @ObservesAsync} observer, the asynchronous notification is left out,
 * which spares each callback a completion stage that nobody waits for.
 */
final class Observers {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());

    private final Event<GroupFullEvent> event;
    private final boolean anyAsync;

    private Observers(Event<GroupFullEvent> event, boolean anyAsync) {
        this.event = event;
        this.anyAsync = anyAsync;
    }

    /**
     * Looks the event and its observers up once, so the first callback does not pay for it.
     *
     * @throws IllegalStateException when no CDI container is running
     */
    static Observers lookUp(GroupFullEvent sample) {
        BeanManager beans = CDI.current().getBeanManager();
        Set<ObserverMethod<? super GroupFullEvent>> observers = beans.resolveObserverMethods(sample);
        return new Observers(beans.getEvent().select(GroupFullEvent.class),
                observers.stream().anyMatch(ObserverMethod::isAsync));
    }

    /**
     * Notifies synchronous observers, then, if none of them failed, asynchronous ones.
     *
     * @throws RuntimeException whatever a synchronous observer threw
     */
    void notify(GroupFullEvent groupFull) {
        event.fire(groupFull);
        if (anyAsync) {
            event.fireAsync(groupFull).exceptionally(failure -> {
                LOG.log(Level.ERROR, () -> "An asynchronous observer of GroupFullEvent failed for group "
                        + groupFull.groupId(), failure);
                return null;
            });
        }
    }
}
