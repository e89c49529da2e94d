package io.github.timcallback.groupfull.bench;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.LongAdder;

/**
 * The benchmarks' observer: as light as a real one can be, so that what is measured is the
 * receiver. Active only with {@code -Dgroupfull.bench} (see the test beans.xml), in place of the
 * tests' recording and logging observers.
 */
@ApplicationScoped
public class CountingObserver {

    public static final LongAdder SYNC = new LongAdder();

    void onGroupFull(@Observes GroupFullEvent event) {
        SYNC.increment();
    }
}
