package io.github.timcallback.groupfull.jetty;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A test application's observer that uses a {@code @RequestScoped} bean, as one backed by a database might. */
@ApplicationScoped
public class RequestScopeObserver {

    /** The request-scoped bean each synchronous delivery met, twice per delivery. */
    static final List<Integer> SEEN = new CopyOnWriteArrayList<>();

    @Inject
    Probe probe;

    void onGroupFull(@Observes GroupFullEvent event) {
        SEEN.add(probe.id());
        SEEN.add(probe.id());
    }

    /** One per request context; says when its context ends. */
    @RequestScoped
    public static class Probe {
        private static final AtomicInteger CREATED = new AtomicInteger();
        static final List<Integer> DESTROYED = new CopyOnWriteArrayList<>();
        private int id;

        @PostConstruct
        void created() {
            id = CREATED.incrementAndGet();
        }

        int id() {
            return id;
        }

        @PreDestroy
        void destroyed() {
            DESTROYED.add(id);
        }
    }
}
