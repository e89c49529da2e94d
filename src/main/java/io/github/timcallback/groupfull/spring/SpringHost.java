package io.github.timcallback.groupfull.spring;

import io.github.timcallback.groupfull.GroupFullEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.DynamicMBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The receiver's view of the Spring application it runs in: where its servlet reads Spring
 * properties, and how it hands accepted callbacks to Spring listeners. A bean of {@link
 * GroupFullAutoConfiguration}; the servlet finds it through Spring's root web application
 * context. Applications do not call it.
 *
 * <p>{@link GroupFullEvent} is published on the request thread, before the answer, through the
 * application context: each {@code @EventListener} of it runs once, and an exception from one
 * fails the callback as an {@code @Observes} observer's does. {@link GroupFullAnswered} is
 * published after the answer on threads of the receiver's own, as many as the machine has
 * cores, and only when some listener takes it (a listener of every event, such as one of
 * {@code Object} or {@code ApplicationEvent}, does not count).
 */
public final class SpringHost {

    /** Where the servlet is mapped when {@code tim.path} is not set. */
    public static final String DEFAULT_PATH = "/tim/callback";
    /** The Spring property that maps the servlet. */
    static final String PATH_PROPERTY = "tim.path";

    private final ApplicationContext context;
    private volatile boolean anyAsync;
    private volatile ExecutorService answered;
    private volatile Meters meters;

    SpringHost(ApplicationContext context) {
        this.context = context;
    }

    /**
     * The host in Spring's root web application context, if the receiver's auto-configuration
     * made one.
     *
     * @param rootContext the servlet context's {@code WebApplicationContext.ROOT} attribute
     * @return the host, or {@code null} when {@code rootContext} has none
     */
    public static SpringHost in(Object rootContext) {
        return rootContext instanceof ApplicationContext context
                ? context.getBeanProvider(SpringHost.class).getIfAvailable() : null;
    }

    /** {@code tim.path}, checked. */
    static String path(Environment environment) {
        String path = environment.getProperty(PATH_PROPERTY, DEFAULT_PATH).strip();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("The setting '" + PATH_PROPERTY + "' (Spring property) must be a"
                    + " servlet path starting with '/', such as " + DEFAULT_PATH + ". Encountered '" + path + "'.");
        }
        return path;
    }

    /**
     * A Spring property, with Spring's relaxed names and precedence.
     *
     * @param key the property's name, in kebab case ({@code tim.sdk-app-id})
     * @return its value, or {@code null} when it is not set
     */
    public String property(String key) {
        return context.getEnvironment().getProperty(key);
    }

    /**
     * The path the servlet answers at.
     *
     * @return {@code tim.path}, or {@value #DEFAULT_PATH}
     */
    public String path() {
        return path(context.getEnvironment());
    }

    /**
     * Called once by the servlet as it starts, when Spring's listeners are all registered: finds
     * whether any listener takes {@link GroupFullAnswered}, and with Micrometer in the
     * application, registers the servlet's counts as meters.
     *
     * @param counters the servlet's counters, as they are registered with JMX
     */
    public void start(DynamicMBean counters) {
        anyAsync = anyListenerOf(GroupFullAnswered.class);
        if (anyAsync) {
            AtomicInteger threads = new AtomicInteger();
            answered = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), task -> {
                Thread thread = new Thread(task, "tim-group-full-answered-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        if (ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry", SpringHost.class.getClassLoader())) {
            meters = Meters.register(context, counters);
        }
    }

    /**
     * Whether any listener takes {@link GroupFullAnswered}.
     *
     * @return as found by {@link #start}
     */
    public boolean anyAsync() {
        return anyAsync;
    }

    /**
     * Publishes the event to its listeners, on this thread.
     *
     * @param event an accepted callback's event
     * @throws RuntimeException whatever a listener threw
     */
    public void publish(GroupFullEvent event) {
        context.publishEvent(event);
    }

    /**
     * Publishes {@link GroupFullAnswered} on the receiver's threads.
     *
     * @param event an accepted callback's event
     * @return completed when every listener has returned, exceptionally when one threw; at once
     *         when no listener takes it
     */
    public CompletionStage<GroupFullEvent> publishAnswered(GroupFullEvent event) {
        if (answered == null) {
            // Only a delivery store kept from a run that had such listeners asks: nobody takes it now.
            return CompletableFuture.completedFuture(event);
        }
        return CompletableFuture.supplyAsync(() -> {
            context.publishEvent(new GroupFullAnswered(event));
            return event;
        }, answered);
    }

    /** Called by the servlet once it has stopped: ends the threads and removes the meters. */
    public void close() {
        if (answered != null) {
            answered.shutdown();
        }
        if (meters != null) {
            meters.remove();
        }
    }

    /** Whether a listener takes {@code payload} in particular, not every event there is. */
    private boolean anyListenerOf(Class<?> payload) {
        ResolvableType wanted = ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, payload);
        ResolvableType unrelated = ResolvableType.forClassWithGenerics(PayloadApplicationEvent.class, Unrelated.class);
        for (ApplicationListener<?> listener : listeners()) {
            GenericApplicationListener generic = listener instanceof GenericApplicationListener g
                    ? g : new GenericApplicationListenerAdapter(listener);
            if (generic.supportsEventType(wanted) && !generic.supportsEventType(unrelated)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code @EventListener} methods and the listener beans. */
    private Collection<ApplicationListener<?>> listeners() {
        List<ApplicationListener<?>> listeners = new ArrayList<>();
        if (context instanceof AbstractApplicationContext registering) {
            listeners.addAll(registering.getApplicationListeners());
        }
        for (ApplicationListener<?> bean : context.getBeansOfType(ApplicationListener.class, false, false).values()) {
            listeners.add(bean);
        }
        return listeners;
    }

    /** A payload no listener asks for by name: one that takes it takes everything. */
    private static final class Unrelated {
    }
}
