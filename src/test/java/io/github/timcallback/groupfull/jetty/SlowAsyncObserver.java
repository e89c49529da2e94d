package io.github.timcallback.groupfull.jetty;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** An {@code @ObservesAsync} observer that holds every group named {@code @TGS#slow-...} until the test opens the gate. */
@ApplicationScoped
public class SlowAsyncObserver {

    static final String PREFIX = "@TGS#slow-";
    static volatile CountDownLatch gate = new CountDownLatch(0);

    /** Holds the slow groups from now on, until {@link #open()}. */
    static void close() {
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) throws InterruptedException {
        if (event.groupId().startsWith(PREFIX)) {
            gate.await(60, TimeUnit.SECONDS);
        }
    }
}
