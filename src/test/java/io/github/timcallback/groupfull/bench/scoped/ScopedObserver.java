package io.github.timcallback.groupfull.bench.scoped;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * For {@code ObserversBenchmark} only ({@code -Dgroupfull.bench.scoped}): an observer that uses a
 * {@code @RequestScoped} bean, as one backed by a per-request database session does, so that each
 * delivery needs a request context.
 */
@ApplicationScoped
public class ScopedObserver {

    @Inject
    Deliveries deliveries;

    void onGroupFull(@Observes GroupFullEvent event) {
        deliveries.count();
    }

    /** One per request context. */
    @RequestScoped
    public static class Deliveries {
        private int count;

        void count() {
            count++;
        }
    }
}
