package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.delivery.DurableDeliveries;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The asynchronous notifications in flight: at most {@code maxPending} at once, so that a flood
 * of callbacks cannot queue work in memory until the JVM falls over, and each one known by its
 * group until it has finished, so that a stop can say what it leaves unfinished.
 *
 * <p>A callback reserves its place before any observer runs and is refused when there is none:
 * a callback is never half delivered, its synchronous observers run and its asynchronous ones
 * dropped. With a delivery store a callback is not refused for want of a place: it waits in the
 * store, which takes places with {@link #tryReserve} as they come free.
 */
final class AsyncDeliveries implements DurableDeliveries.Launcher {

    private static final System.Logger LOG = System.getLogger(AsyncDeliveries.class.getName());
    /** How many unfinished groups a stop names at most. */
    static final int NAMED_AT_STOP = 20;
    private static final long WARNING_INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final int maxPending;
    private final CallbackCounters counters;
    private final Function<GroupFullEvent, CompletionStage<GroupFullEvent>> notification;
    private final AtomicInteger reserved = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final Map<Long, GroupFullEvent> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong refusedSinceWarning = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL);

    /** At most {@code maxPending} notifications at once, each made by {@code notification}. */
    AsyncDeliveries(int maxPending, CallbackCounters counters,
            Function<GroupFullEvent, CompletionStage<GroupFullEvent>> notification) {
        this.maxPending = maxPending;
        this.counters = counters;
        this.notification = notification;
    }

    /** Notifications reserved or in flight now. */
    int pending() {
        return reserved.get();
    }

    /**
     * Reserves a place for one callback's asynchronous notification.
     *
     * @throws Rejection.Rejected {@code ASYNC_BACKLOG_FULL} when {@code maxPending} are in flight
     */
    void reserve() {
        for (int now = reserved.get(); ; now = reserved.get()) {
            if (now >= maxPending) {
                warnRefused(now);
                throw Rejection.ASYNC_BACKLOG_FULL.exception();
            }
            if (reserved.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    /** Reserves a place if there is one, quietly: the callback then waits in the delivery store. */
    @Override
    public boolean tryReserve() {
        for (int now = reserved.get(); now < maxPending; now = reserved.get()) {
            if (reserved.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives back a place that will not be used (the synchronous observers failed). */
    @Override
    public void release() {
        reserved.decrementAndGet();
    }

    /**
     * Starts the reserved notification of {@code event}, in memory only: a failure is logged and
     * counted, and the notification is lost.
     */
    void start(GroupFullEvent event) {
        start(event, failure -> {
            if (failure != null) {
                LOG.log(Level.ERROR, () -> "An asynchronous observer of GroupFullEvent failed for group "
                        + event.groupId() + "; without a delivery store it is not tried again", failure);
            }
        });
    }

    /** Starts the reserved notification of {@code event}; {@code whenDone} gets {@code null} or the failure. */
    @Override
    public void start(GroupFullEvent event, Consumer<Throwable> whenDone) {
        Long id = sequence.incrementAndGet();
        inFlight.put(id, event);
        CompletionStage<GroupFullEvent> started;
        try {
            started = notification.apply(event);
        } catch (RuntimeException e) {
            finished(id);
            counters.asyncFailed();
            whenDone.accept(e);
            return;
        }
        started.whenComplete((delivered, failure) -> {
            finished(id);
            if (failure != null) {
                counters.asyncFailed();
            }
            whenDone.accept(failure);
        });
    }

    private void finished(Long id) {
        inFlight.remove(id);
        reserved.decrementAndGet();
    }

    /** One WARNING a minute at most, with how many were refused since the last. */
    private void warnRefused(int pendingNow) {
        long refused = refusedSinceWarning.incrementAndGet();
        long last = lastWarning.get();
        long now = System.nanoTime();
        if (now - last >= WARNING_INTERVAL && lastWarning.compareAndSet(last, now)) {
            refusedSinceWarning.addAndGet(-refused);
            LOG.log(Level.WARNING, () -> "Refused " + refused + " callback(s) with 503 since the last such warning: "
                    + pendingNow + " asynchronous notifications are pending, as many as maxPendingAsync allows."
                    + " The @ObservesAsync observers are slower than the callbacks arrive.");
        }
    }

    /**
     * Waits up to {@code grace} for the notifications in flight, then says in one line how many
     * finished and which groups did not.
     */
    void awaitAtStop(Duration grace) {
        int atStart = inFlight.size();
        long deadline = System.nanoTime() + grace.toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> unfinished = inFlight.values().stream().map(GroupFullEvent::groupId).toList();
        if (unfinished.isEmpty()) {
            LOG.log(Level.INFO, () -> "Stopped: all " + atStart + " pending asynchronous notification(s) finished.");
        } else {
            int left = unfinished.size();
            // A callback already past the stopping check may have started one after the wait began.
            int finished = Math.max(0, atStart - left);
            LOG.log(Level.WARNING, () -> "Stopped with asynchronous notifications unfinished: " + finished
                    + " of " + (finished + left) + " finished within " + grace.toSeconds() + " s, " + left
                    + " did not, for the groups " + unfinished.subList(0, Math.min(left, NAMED_AT_STOP))
                    + (left > NAMED_AT_STOP ? " and " + (left - NAMED_AT_STOP) + " more" : "") + ".");
        }
    }
}
