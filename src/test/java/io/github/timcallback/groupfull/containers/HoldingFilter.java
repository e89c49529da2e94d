package io.github.timcallback.groupfull.containers;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A filter of the application in front of the receiver, as a slow authentication filter would
 * be, that the stop test adds to a Tomcat from a web fragment: a request with the header
 * {@value #HEADER} waits in it until Tomcat has begun to stop the application, and
 * {@value #AFTER_STOP_BEGAN_MS} ms more, well past the 2 s that Tomcat waits for the requests in
 * a servlet (the context's {@code unloadDelay}) before it destroys the servlet; then it goes on to
 * the receiver, which is stopping by then.
 */
public class HoldingFilter implements Filter {

    static final String HEADER = "X-Test-Hold";
    static final long AFTER_STOP_BEGAN_MS = 6000;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (((HttpServletRequest) request).getHeader(HEADER) != null) {
            StopObserver.append("held a callback");
            try {
                ObjectName application = new ObjectName(StopObserver.APPLICATION);
                StopObserver.awaitTrue(() -> !"STARTED".equals(
                        ManagementFactory.getPlatformMBeanServer().getAttribute(application, "stateName")));
                Thread.sleep(AFTER_STOP_BEGAN_MS);
            } catch (JMException e) {
                throw new ServletException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        chain.doFilter(request, response);
    }
}
