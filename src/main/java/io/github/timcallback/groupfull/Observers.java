package io.github.timcallback.groupfull;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.UnsatisfiedResolutionException;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.servlet.UnavailableException;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;

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
 * that they may use {@code @RequestScoped} beans: {@link InRequestContext} begins one around the
 * notification when none is active and ends it before the answer. That costs about as much CPU
 * as parsing the body, so it is done only when the application has a {@code @RequestScoped}
 * bean at all ({@link RequestScopeUse}); without one, nothing could tell the difference, except
 * an observer of {@code @Initialized(RequestScoped.class)}, which then sees no callbacks.
 */
@Dependent
final class Observers implements Recipients {

    /** Any instance will do for finding the observers that an unqualified GroupFullEvent reaches. */
    private static final GroupFullEvent ANY = new GroupFullEvent("0", "0", null, null, null, null, Instant.EPOCH);

    private final Event<GroupFullEvent> event;
    private final boolean anySync;
    private final boolean anyAsync;
    /** How synchronous observers are notified in a request context; null when the application has no request-scoped bean. */
    private final InRequestContext inRequestContext;

    /** Looks the observers up once, so the first callback does not pay for it. */
    @Inject
    Observers(BeanManager beans, Event<GroupFullEvent> event, InRequestContext inRequestContext,
            Instance<RequestScopeUse> use) {
        Set<ObserverMethod<? super GroupFullEvent>> observers = beans.resolveObserverMethods(ANY);
        this.event = event;
        this.anySync = observers.stream().anyMatch(observer -> !observer.isAsync());
        this.anyAsync = observers.stream().anyMatch(ObserverMethod::isAsync);
        // Where the extension did not run (an unusual deployment), assume the worst.
        boolean requestScoped = !use.isResolvable() || use.get().found();
        this.inRequestContext = anySync && requestScoped ? inRequestContext : null;
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
     * The application's instance, or why there is none, as the receiver's refusal to start. Here,
     * not in the servlet, so that a host without CDI (a Spring application) never loads a CDI
     * class.
     */
    static Observers lookUpOrExplain() throws UnavailableException {
        try {
            return lookUp();
        } catch (UnsatisfiedResolutionException e) {
            throw new UnavailableException("CDI is running but did not discover the receiver's classes, so"
                    + " GroupFullEvent cannot reach any observer: keep their META-INF/beans.xml (as in the"
                    + " classes jar) and do not switch bean discovery off for them.");
        } catch (IllegalStateException | LinkageError e) {
            throw new UnavailableException("No CDI container is running, so GroupFullEvent cannot reach any"
                    + " observer (" + e + "). In Tomcat, Jetty or another plain servlet container use the"
                    + " WAR that bundles Weld (standalone Jetty 12 also needs its modules ee10-annotations"
                    + " and ee10-cdi-decorate), or add org.jboss.weld.servlet:weld-servlet-shaded to"
                    + " WEB-INF/lib; on a Jakarta EE server CDI is built in; in a Spring Boot application"
                    + " the receiver's auto-configuration must be active (README, \"In a Spring application\").");
        }
    }

    @Override
    public String toString() {
        return "CDI observers";
    }

    /** Whether any {@code @ObservesAsync} observer takes the event. */
    @Override
    public boolean anyAsync() {
        return anyAsync;
    }

    /**
     * Notifies the synchronous observers, if any.
     *
     * @throws RuntimeException whatever a synchronous observer threw
     */
    @Override
    public void notifySync(GroupFullEvent groupFull) {
        if (inRequestContext != null) {
            inRequestContext.fire(event, groupFull);
        } else if (anySync) {
            event.fire(groupFull);
        }
    }

    /** Starts notifying the asynchronous observers; call only when {@link #anyAsync()}. */
    @Override
    public CompletionStage<GroupFullEvent> notifyAsync(GroupFullEvent groupFull) {
        return event.fireAsync(groupFull);
    }
}
