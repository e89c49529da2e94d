package io.github.timcallback.groupfull.bench.scoped;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The ways to notify in a request context that ObserversBenchmark measures the receiver's own
 * ({@code @ActivateRequestContext}, in {@code InRequestContext}) against.
 */
@ApplicationScoped
public class OtherWaysToFire {

    @Inject
    Event<GroupFullEvent> event;
    @Inject
    Instance<RequestContextController> controllers;

    private final java.util.Queue<RequestContextController> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Controllers kept for reuse, each used by one thread at a time: what the receiver did before. */
    public void pooled(GroupFullEvent groupFull) {
        RequestContextController controller = idle.poll();
        if (controller == null) {
            controller = controllers.get();
        }
        try {
            fireWith(controller, groupFull);
        } finally {
            idle.offer(controller);
        }
    }

    /** A new controller per delivery, destroyed after it, as a dependent instance must be. */
    public void unpooled(GroupFullEvent groupFull) {
        RequestContextController controller = controllers.get();
        try {
            fireWith(controller, groupFull);
        } finally {
            controllers.destroy(controller);
        }
    }

    private void fireWith(RequestContextController controller, GroupFullEvent groupFull) {
        boolean activated = controller.activate();
        try {
            event.fire(groupFull);
        } finally {
            if (activated) {
                controller.deactivate();
            }
        }
    }
}
