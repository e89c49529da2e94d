package io.github.timcallback.groupfull;

import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.ObserverMethod;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The application's CDI observers of {@link GroupFullEvent}, reached through the portable
 * {@code CDI.current()}: container injection into servlets is not available everywhere (embedded
 * Jetty without its CDI decorator), while {@code CDI.current()} works in every CDI runtime.
 *
 * <p>The observers are resolved once: CDI fixes them when the application deploys. A kind of
 * notification that no observer takes (synchronous or asynchronous) is not made at all.
 *
 * <p>Synchronous observers run with a request context active, as in a Jakarta EE server, so
 * that they may use {@code @RequestScoped} beans: when the container has none active on the
 * callback path (the WAR leaves Weld's HTTP contexts out there, see its {@code web.xml}), one
 * is activated around the notification with the portable {@link RequestContextController} and
 * ended before the answer. That costs about as much CPU as parsing the body, so it is done
 * only when the application has a {@code @RequestScoped} bean at all ({@link RequestScopeUse});
 * without one, nothing could tell the difference, except an observer of
 * {@code @Initialized(RequestScoped.class)}, which then sees no callbacks. Controllers are kept
 * for reuse: making one costs about ten times what using it does.
 */
final class Observers {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());

    private final Event<GroupFullEvent> event;
    private final boolean anySync;
    private final boolean anyAsync;
    private final boolean requestScoped;
    private final Instance<RequestContextController> controllers;
    /** Controllers not in use. Each one is used by one thread at a time: its state is per activation. */
    private final Queue<RequestContextController> idle = new ConcurrentLinkedQueue<>();

    private Observers(Event<GroupFullEvent> event, boolean anySync, boolean anyAsync, boolean requestScoped,
            Instance<RequestContextController> controllers) {
        this.event = event;
        this.anySync = anySync;
        this.anyAsync = anyAsync;
        this.requestScoped = requestScoped;
        this.controllers = controllers;
    }

    /**
     * Looks the event and its observers up once, so the first callback does not pay for it.
     *
     * @throws IllegalStateException when no CDI container is running
     */
    static Observers lookUp(GroupFullEvent sample) {
        CDI<Object> cdi = CDI.current();
        BeanManager beans = cdi.getBeanManager();
        Set<ObserverMethod<? super GroupFullEvent>> observers = beans.resolveObserverMethods(sample);
        // Where the extension did not run (an unusual deployment), assume the worst.
        Instance<RequestScopeUse> use = cdi.select(RequestScopeUse.class);
        Observers found = new Observers(beans.getEvent().select(GroupFullEvent.class),
                observers.stream().anyMatch(observer -> !observer.isAsync()),
                observers.stream().anyMatch(ObserverMethod::isAsync),
                !use.isResolvable() || use.get().found(),
                cdi.select(RequestContextController.class));
        if (found.anySync && found.requestScoped) {
            // The first controller, and a request context begun and ended once, before the first callback.
            RequestContextController controller = found.controllers.get();
            if (controller.activate()) {
                controller.deactivate();
            }
            found.idle.offer(controller);
        }
        return found;
    }

    /**
     * Notifies synchronous observers, then, if none of them failed, asynchronous ones.
     *
     * @throws RuntimeException whatever a synchronous observer threw
     */
    void notify(GroupFullEvent groupFull) {
        if (anySync) {
            if (requestScoped) {
                fireInRequestContext(groupFull);
            } else {
                event.fire(groupFull);
            }
        }
        if (anyAsync) {
            event.fireAsync(groupFull).exceptionally(failure -> {
                LOG.log(Level.ERROR, () -> "An asynchronous observer of GroupFullEvent failed for group "
                        + groupFull.groupId(), failure);
                return null;
            });
        }
    }

    private void fireInRequestContext(GroupFullEvent groupFull) {
        RequestContextController controller = idle.poll();
        if (controller == null) {
            controller = controllers.get();
        }
        try {
            // False when the container has one active already (a host application's own WAR).
            boolean activated = controller.activate();
            try {
                event.fire(groupFull);
            } finally {
                if (activated) {
                    controller.deactivate();
                }
            }
        } finally {
            idle.offer(controller);
        }
    }
}
