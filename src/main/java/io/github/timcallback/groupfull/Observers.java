package io.github.timcallback.groupfull;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The application's CDI observers of {@link GroupFullEvent}. The servlet gets this bean through
 * the portable {@code CDI.current()}: container injection into servlets is not available
 * everywhere (embedded Jetty without its CDI decorator), while {@code CDI.current()} works in
 * every CDI runtime.
 *
 * <p>Being a bean also makes the receiver's classes a bean archive. That matters for the WAR as
 * built, before any observer is added to it: Weld's servlet integration starts no container at
 * all in an application without a bean archive, and the receiver would then refuse to start.
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
@Dependent
final class Observers {

    private static final System.Logger LOG = System.getLogger(Observers.class.getName());
    /** Any instance will do for finding the observers that an unqualified GroupFullEvent reaches. */
    private static final GroupFullEvent ANY = new GroupFullEvent("0", "0", null, null, null, null, Instant.EPOCH);

    private final Event<GroupFullEvent> event;
    private final boolean anySync;
    private final boolean anyAsync;
    private final boolean requestScoped;
    private final Instance<RequestContextController> controllers;
    /** Controllers not in use. Each one is used by one thread at a time: its state is per activation. */
    private final Queue<RequestContextController> idle = new ConcurrentLinkedQueue<>();

    /** Looks the observers up once, so the first callback does not pay for it. */
    @Inject
    Observers(BeanManager beans, Event<GroupFullEvent> event, Instance<RequestContextController> controllers,
            Instance<RequestScopeUse> use) {
        Set<ObserverMethod<? super GroupFullEvent>> observers = beans.resolveObserverMethods(ANY);
        this.event = event;
        this.anySync = observers.stream().anyMatch(observer -> !observer.isAsync());
        this.anyAsync = observers.stream().anyMatch(ObserverMethod::isAsync);
        // Where the extension did not run (an unusual deployment), assume the worst.
        this.requestScoped = !use.isResolvable() || use.get().found();
        this.controllers = controllers;
        if (anySync && requestScoped) {
            // The first controller, and a request context begun and ended once, before the first callback.
            RequestContextController controller = controllers.get();
            if (controller.activate()) {
                controller.deactivate();
            }
            idle.offer(controller);
        }
    }

    /**
     * The application's instance.
     *
     * @throws IllegalStateException when no CDI container is running
     * @throws jakarta.enterprise.inject.UnsatisfiedResolutionException when CDI did not discover
     *         this class (its archive's {@code META-INF/beans.xml} was lost)
     */
    static Observers lookUp() {
        return CDI.current().select(Observers.class).get();
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
