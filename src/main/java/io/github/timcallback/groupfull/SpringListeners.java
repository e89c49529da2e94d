package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.spring.SpringHost;
import jakarta.servlet.ServletContext;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * The receiver's recipients in a Spring application: Spring listeners, through the {@link
 * SpringHost} that the receiver's auto-configuration put in Spring's root web application
 * context. Only this class of the root package touches the {@code spring} package, and only once
 * it has found that context, so that no Spring class is loaded where Spring is absent.
 */
final class SpringListeners implements Recipients {

    /** Spring's {@code WebApplicationContext.ROOT_WEB_APPLICATION_CONTEXT_ATTRIBUTE}, spelled out. */
    private static final String ROOT_CONTEXT = "org.springframework.web.context.WebApplicationContext.ROOT";

    private final SpringHost host;

    private SpringListeners(SpringHost host) {
        this.host = host;
    }

    /** The Spring application the servlet runs in, or {@code null} when it runs in none that has the receiver's auto-configuration. */
    static SpringListeners in(ServletContext context) {
        Object root = context.getAttribute(ROOT_CONTEXT);
        if (root == null) {
            return null;
        }
        SpringHost host = SpringHost.in(root);
        return host == null ? null : new SpringListeners(host);
    }

    /** Spring's properties, by their kebab-case names. */
    UnaryOperator<String> properties() {
        return host::property;
    }

    /** The servlet path the receiver answers at ({@code tim.path}). */
    String path() {
        return host.path();
    }

    /** Called once the counters exist: the listeners are all known by then. */
    void start(CallbackCounters counters) {
        host.start(counters);
    }

    @Override
    public boolean anyAsync() {
        return host.anyAsync();
    }

    @Override
    public void notifySync(GroupFullEvent event) {
        host.publish(event);
    }

    @Override
    public CompletionStage<GroupFullEvent> notifyAsync(GroupFullEvent event) {
        return host.publishAnswered(event);
    }

    @Override
    public void close() {
        host.close();
    }

    @Override
    public String toString() {
        return "Spring listeners";
    }
}
