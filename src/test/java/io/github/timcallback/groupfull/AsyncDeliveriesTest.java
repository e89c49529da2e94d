package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backlog's WARNING, as an operator reads it in the log. */
class AsyncDeliveriesTest {

    static final Logger LOG = Logger.getLogger(AsyncDeliveries.class.getName());

    final List<String> warnings = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel() == Level.WARNING) {
                warnings.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        LOG.addHandler(capture);
    }

    @AfterEach
    void release() {
        LOG.removeHandler(capture);
    }

    static Rejection refusal(AsyncDeliveries deliveries) {
        return assertThrows(Rejection.Rejected.class, deliveries::reserve).rejection();
    }

    /**
     * The minute between two warnings, without waiting for it: the time of the last warning, moved
     * back by the product's own interval (a private field, so that a rename fails this test loudly).
     */
    static void aMinutePasses(AsyncDeliveries deliveries) throws Exception {
        Field field = AsyncDeliveries.class.getDeclaredField("lastWarning");
        field.setAccessible(true);
        AtomicLong lastWarning = (AtomicLong) field.get(deliveries);
        lastWarning.addAndGet(-TimeUnit.MINUTES.toNanos(1));
    }

    @Test
    void warnsAtMostOnceAMinuteWithHowManyWereRefusedSinceTheLast() throws Exception {
        AsyncDeliveries deliveries = new AsyncDeliveries(1, new CallbackCounters(() -> 1), event -> java.util.concurrent.CompletableFuture.completedFuture(event));
        deliveries.reserve();

        assertEquals(Rejection.ASYNC_BACKLOG_FULL, refusal(deliveries));
        for (int i = 0; i < 4; i++) {
            assertEquals(Rejection.ASYNC_BACKLOG_FULL, refusal(deliveries));
        }
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("Refused 1 callback(s) with 503 since the last such warning: 1"
                + " asynchronous notifications are pending, as many as maxPendingAsync allows."), warnings.get(0));

        aMinutePasses(deliveries);
        assertEquals(Rejection.ASYNC_BACKLOG_FULL, refusal(deliveries));
        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.get(1).startsWith("Refused 5 callback(s) with 503 since the last such warning"),
                "the four held back and this one: " + warnings.get(1));

        aMinutePasses(deliveries);
        assertEquals(Rejection.ASYNC_BACKLOG_FULL, refusal(deliveries));
        assertTrue(warnings.get(2).startsWith("Refused 1 callback(s) with 503 since the last"), warnings.get(2));
    }
}
