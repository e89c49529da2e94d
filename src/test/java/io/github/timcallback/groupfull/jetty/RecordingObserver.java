package io.github.timcallback.groupfull.jetty;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** A test application's observer: records what reaches it, and fails on request. */
@ApplicationScoped
public class RecordingObserver {

    /** The group id whose synchronous delivery throws, to test observer failures. */
    public static final String FAILING_GROUP = "@TGS#observer-fails";
    /** The group id whose asynchronous delivery throws. */
    public static final String FAILING_ASYNC_GROUP = "@TGS#async-observer-fails";

    static final List<GroupFullEvent> SYNC = new CopyOnWriteArrayList<>();
    static final List<GroupFullEvent> ASYNC = new CopyOnWriteArrayList<>();
    static final AtomicReference<String> SYNC_THREAD = new AtomicReference<>();
    /** Events delivered synchronously without failing, each of which is then delivered asynchronously. */
    private static final AtomicLong ASYNC_OWED = new AtomicLong();
    private static final AtomicLong ASYNC_PAID = new AtomicLong();
    static final AtomicReference<String> ASYNC_THREAD = new AtomicReference<>();

    void onGroupFull(@Observes GroupFullEvent event) {
        SYNC_THREAD.set(Thread.currentThread().getName());
        SYNC.add(event);
        if (FAILING_GROUP.equals(event.groupId())) {
            throw new IllegalStateException("the application's database is down");
        }
        ASYNC_OWED.incrementAndGet();
    }

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) {
        ASYNC_THREAD.set(Thread.currentThread().getName());
        synchronized (ASYNC) {
            ASYNC.add(event);
            ASYNC_PAID.incrementAndGet();
            ASYNC.notifyAll();
        }
        if (FAILING_ASYNC_GROUP.equals(event.groupId())) {
            throw new IllegalStateException("the async consumer is down");
        }
    }

    /**
     * Forgets what arrived, once the asynchronous deliveries of earlier requests are all in
     * (bounded), so that none of them lands in the next test's lists.
     */
    static void clear() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (ASYNC) {
            while (ASYNC_PAID.get() < ASYNC_OWED.get() && System.nanoTime() < deadline) {
                ASYNC.wait(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
            }
            SYNC.clear();
            ASYNC.clear();
            // What is still owed stays owed; what was paid more than once (the delivery store tries
            // a failing observer again) is forgotten, or it would stand in for a later test's debts.
            ASYNC_OWED.set(Math.max(0, ASYNC_OWED.get() - ASYNC_PAID.get()));
            ASYNC_PAID.set(0);
        }
    }

    /** Waits (bounded) until the asynchronous delivery for {@code groupId} has arrived; whether it did. */
    static boolean awaitAsync(String groupId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (ASYNC) {
            while (ASYNC.stream().noneMatch(event -> event.groupId().equals(groupId)) && System.nanoTime() < deadline) {
                ASYNC.wait(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
            }
        }
        return ASYNC.stream().anyMatch(event -> event.groupId().equals(groupId));
    }

    /** Waits (bounded) until {@code count} asynchronous deliveries have arrived. */
    static boolean awaitAsync(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (ASYNC) {
            while (ASYNC.size() < count && System.nanoTime() < deadline) {
                ASYNC.wait(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
            }
        }
        return ASYNC.size() >= count;
    }
}
