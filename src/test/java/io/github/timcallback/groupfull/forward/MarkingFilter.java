package io.github.timcallback.groupfull.forward;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;

/** A filter of the application on all its paths, as one for tracing or tenancy would be: it marks the request. */
public class MarkingFilter implements Filter {

    public static final String MARK = "test.application.filter";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(MARK, "ran");
        chain.doFilter(request, response);
    }
}
