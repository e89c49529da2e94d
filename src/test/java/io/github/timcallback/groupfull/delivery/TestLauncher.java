package io.github.timcallback.groupfull.delivery;

import io.github.timcallback.groupfull.GroupFullEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The receiver's side of the store as the tests drive it: a number of places, and asynchronous
 * "observers" that answer each notification as the test says (succeed, fail, or never finish).
 */
final class TestLauncher implements DurableDeliveries.Launcher {

    private final AtomicInteger free;
    /** What the observer does with each notification: null to succeed, an exception to fail, HOLD to never finish. */
    private volatile Function<GroupFullEvent, RuntimeException> observer = event -> null;
    final List<GroupFullEvent> started = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    private final List<Consumer<Throwable>> held = new CopyOnWriteArrayList<>();

    static final RuntimeException HOLD = new RuntimeException("never finishes");

    TestLauncher(int places) {
        this.free = new AtomicInteger(places);
    }

    void observer(Function<GroupFullEvent, RuntimeException> observer) {
        this.observer = observer;
    }

    void addPlaces(int more) {
        free.addAndGet(more);
    }

    @Override
    public boolean tryReserve() {
        for (int now = free.get(); now > 0; now = free.get()) {
            if (free.compareAndSet(now, now - 1)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void release() {
        free.incrementAndGet();
    }

    @Override
    public void start(GroupFullEvent event, Consumer<Throwable> whenDone) {
        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        RuntimeException outcome = observer.apply(event);
        if (outcome == HOLD) {
            // Held before it counts as started: a test that saw it start can finish it.
            held.add(whenDone);
            started.add(event);
            return;
        }
        started.add(event);
        inFlight.decrementAndGet();
        free.incrementAndGet();
        whenDone.accept(outcome);
    }

    /** Lets every held notification finish, successfully. */
    void finishHeld() {
        finishHeld(null);
    }

    /** Lets every held notification finish, with {@code failure} ({@code null} for success). */
    void finishHeld(RuntimeException failure) {
        for (Consumer<Throwable> whenDone : held) {
            held.remove(whenDone);
            inFlight.decrementAndGet();
            free.incrementAndGet();
            whenDone.accept(failure);
        }
    }

    long startedFor(String groupId) {
        return started.stream().filter(event -> event.groupId().equals(groupId)).count();
    }
}
