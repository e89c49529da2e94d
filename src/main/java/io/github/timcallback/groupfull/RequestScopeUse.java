package io.github.timcallback.groupfull;

import jakarta.enterprise.context.Conversation;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.Set;

/**
 * Notices, while the application deploys, whether it has any {@code @RequestScoped} bean of its
 * own. Without one, no observer can need a request context, and {@link Observers} does not
 * begin one per callback. Registered in
 * {@code META-INF/services/jakarta.enterprise.inject.spi.Extension}.
 */
public class RequestScopeUse implements Extension {

    /** Types of the container's built-in request-scoped beans, which Weld announces like the application's. */
    private static final Set<Type> BUILT_IN = Set.of(HttpServletRequest.class, ServletContext.class, Conversation.class);

    private volatile boolean found;

    /** Made by the CDI container, which finds this extension through its services file; never by the application. */
    public RequestScopeUse() {
    }

    void bean(@Observes ProcessBean<?> event) {
        Bean<?> bean = event.getBean();
        if (bean.getScope() == RequestScoped.class && Collections.disjoint(bean.getTypes(), BUILT_IN)) {
            found = true;
        }
    }

    boolean found() {
        return found;
    }
}
