package io.github.timcallback.groupfull.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.GroupFullEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.management.NotCompliantMBeanException;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

/** The receiver's side of a real Spring application context: which listeners count, on which thread they run. */
class SpringHostTest {

    private static final GroupFullEvent EVENT =
            new GroupFullEvent("1400000001", "@TGS#1", null, null, null, null, Instant.EPOCH);

    private AnnotationConfigApplicationContext context;

    private SpringHost hostWith(Class<?>... beans) throws NotCompliantMBeanException {
        context = new AnnotationConfigApplicationContext(beans);
        SpringHost host = new SpringHost(context);
        host.start(new StandardMBean(new Counts(), CountsMBean.class));
        return host;
    }

    @AfterEach
    void close() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void publishesTheEventToItsListenersOnTheCallersThreadAndPassesOnTheirException() throws Exception {
        SpringHost host = hostWith(BeforeTheAnswer.class);
        host.publish(EVENT);
        BeforeTheAnswer listener = context.getBean(BeforeTheAnswer.class);
        assertEquals(List.of(Thread.currentThread().getName()), listener.threads);
        assertFalse(host.anyAsync(), "a listener of GroupFullEvent alone takes nothing after the answer");
        GroupFullEvent failing = new GroupFullEvent("1400000001", "fail", null, null, null, null, Instant.EPOCH);
        assertEquals("fail", assertThrows(IllegalStateException.class, () -> host.publish(failing)).getMessage());
    }

    @Test
    void publishesGroupFullAnsweredOnItsOwnThreadsOnlyWhenAListenerTakesIt() throws Exception {
        SpringHost host = hostWith(AfterTheAnswer.class);
        assertTrue(host.anyAsync());
        assertEquals(EVENT, host.publishAnswered(EVENT).toCompletableFuture().get(10, TimeUnit.SECONDS));
        AfterTheAnswer listener = context.getBean(AfterTheAnswer.class);
        assertEquals(List.of(EVENT), listener.events);
        assertTrue(listener.threads.get(0).startsWith("tim-group-full-answered-"), listener.threads.toString());
        GroupFullEvent failing = new GroupFullEvent("1400000001", "fail", null, null, null, null, Instant.EPOCH);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> host.publishAnswered(failing).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("fail", failed.getCause().getMessage());
    }

    @Test
    void aListenerOfEveryEventDoesNotMakeGroupFullAnsweredWorthPublishing() throws Exception {
        SpringHost host = hostWith(EveryEvent.class);
        assertFalse(host.anyAsync());
        assertEquals(EVENT, host.publishAnswered(EVENT).toCompletableFuture().getNow(null));
        assertEquals(0, context.getBean(EveryEvent.class).answered);
    }

    @Test
    void showsTheCountsAsMetersWhileTheReceiverRuns() throws Exception {
        SpringHost host = hostWith(Registry.class);
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        assertEquals(3.0, registry.get("tim.callbacks.accepted").functionCounter().count());
        assertEquals(2.0, registry.get("tim.callbacks.refused").tag("reason", "SIGNATURE_MISMATCH").functionCounter().count());
        assertEquals(1.0, registry.get("tim.listeners.failures").tag("when", "after-answer").functionCounter().count());
        assertEquals(4.0, registry.get("tim.async.pending").gauge().value());
        host.close();
        assertTrue(registry.find("tim.callbacks.accepted").meters().isEmpty(), "the meters go with the receiver");
    }

    /** The attributes of the receiver's counters that these tests read. */
    public interface CountsMBean {
        long getAcceptedCallbacks();

        long getRefused_SIGNATURE_MISMATCH();

        long getAsyncObserverFailures();

        long getPendingAsyncNotifications();
    }

    static final class Counts implements CountsMBean {
        @Override
        public long getAcceptedCallbacks() {
            return 3;
        }

        @Override
        public long getRefused_SIGNATURE_MISMATCH() {
            return 2;
        }

        @Override
        public long getAsyncObserverFailures() {
            return 1;
        }

        @Override
        public long getPendingAsyncNotifications() {
            return 4;
        }
    }

    static class BeforeTheAnswer {
        final List<String> threads = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(GroupFullEvent event) {
            threads.add(Thread.currentThread().getName());
            if (event.groupId().equals("fail")) {
                throw new IllegalStateException("fail");
            }
        }
    }

    static class AfterTheAnswer {
        final List<GroupFullEvent> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @EventListener
        public void on(GroupFullAnswered answered) {
            if (answered.event().groupId().equals("fail")) {
                throw new IllegalStateException("fail");
            }
            threads.add(Thread.currentThread().getName());
            events.add(answered.event());
        }
    }

    static class EveryEvent {
        volatile int answered;

        @EventListener
        public void on(Object event) {
            if (event instanceof GroupFullAnswered) {
                answered++;
            }
        }
    }

    static class Registry {
        @org.springframework.context.annotation.Bean
        MeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }
}
