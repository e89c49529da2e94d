package io.github.timcallback.groupfull.bench;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.concurrent.atomic.LongAdder;

/**
 * The delivery store benchmark's observer (src/bench/store.sh), one counting observer each way,
 * so that the asynchronous path that the store keeps is there to measure. No bean-defining
 * annotation: it becomes a bean only in the jar the script builds with a beans.xml of its own.
 */
public class StoreBenchObserver {

    static final LongAdder SYNC = new LongAdder();
    static final LongAdder ASYNC = new LongAdder();

    void onGroupFull(@Observes GroupFullEvent event) {
        SYNC.increment();
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) {
        ASYNC.increment();
    }
}
