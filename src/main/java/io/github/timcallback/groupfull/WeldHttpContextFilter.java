package io.github.timcallback.groupfull;

import jakarta.servlet.http.HttpServletRequest;
import org.jboss.weld.servlet.spi.HttpContextActivationFilter;

/**
 * Tells Weld's servlet integration which requests get its HTTP contexts ({@link WeldContexts}).
 * The WAR registers it as a Weld service in
 * {@code WEB-INF/classes/META-INF/services/org.jboss.weld.bootstrap.api.Service}; the classes jar
 * and the {@code -ee} WAR do not, so that a host application's or an EE server's Weld settings
 * apply there as they are. With it, Weld ignores an {@code org.jboss.weld.context.mapping}
 * context-param.
 */
public final class WeldHttpContextFilter implements HttpContextActivationFilter {

    /** Made by Weld, which finds this service through its services file; never by the application. */
    public WeldHttpContextFilter() {
    }

    @Override
    public boolean accepts(HttpServletRequest request) {
        return WeldContexts.needed(request);
    }

    @Override
    public void cleanup() {
    }
}
