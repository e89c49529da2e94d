package io.github.timcallback.groupfull.jetty;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * A deliberately faulty filter of the application, as a request-logging filter that reads the
 * body as text would be: for a request with the header {@value #HEADER} it reads the body through
 * {@code getReader()}, after which the servlet API forbids {@code getInputStream()}, so the
 * receiver fails unexpectedly.
 */
public class BodyReadingFilter implements Filter {

    static final String HEADER = "X-Test-Read-Body-First";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (((HttpServletRequest) request).getHeader(HEADER) != null) {
            request.getReader().transferTo(java.io.Writer.nullWriter());
        }
        chain.doFilter(request, response);
    }
}
