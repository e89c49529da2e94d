package io.github.timcallback.groupfull.forward;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records each request for which Weld set up its HTTP request context, by its query string. */
@ApplicationScoped
public class HttpContextWatcher {

    public static final List<String> QUERIES = new CopyOnWriteArrayList<>();

    void initialized(@Observes @Initialized(RequestScoped.class) HttpServletRequest request) {
        QUERIES.add(String.valueOf(request.getQueryString()));
    }
}
