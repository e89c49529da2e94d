package io.github.timcallback.groupfull.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.timcallback.groupfull.GroupFullEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the delivery store promises, against a real database of each kind it supports: the
 * store as the servlet drives it, with the test's own stand-in for the receiver's places and
 * asynchronous observers ({@link TestLauncher}) and a clock the test moves.
 */
abstract class DeliveryStoreContract {

    static final String APP = "1400000001";
    static final Duration LEASE = Duration.ofSeconds(6);
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration RETENTION = Duration.ofHours(1);

    final MutableClock clock = new MutableClock();
    private final List<DurableDeliveries> opened = new ArrayList<>();

    /** A JDBC URL of the database under test. */
    abstract String url();

    abstract Connection connect() throws SQLException;

    @BeforeEach
    void emptyDatabase() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + DeliveryTable.NAME);
        }
    }

    @AfterEach
    void closeStores() {
        opened.forEach(DurableDeliveries::close);
    }

    StoreConfig config(int attempts, boolean create) {
        return new StoreConfig(url(), "'deliveryStore' (context-param tim.deliveryStore)", null, null, create, attempts,
                FIRST_RETRY, RETENTION, LEASE);
    }

    DurableDeliveries open(TestLauncher launcher) {
        return open(launcher, config(3, true));
    }

    DurableDeliveries open(TestLauncher launcher, StoreConfig config) {
        DurableDeliveries store = DurableDeliveries.open(config, Set.of(APP), launcher, clock);
        opened.add(store);
        return store;
    }

    GroupFullEvent event(String group, Long eventTime) {
        return new GroupFullEvent(APP, group, null, eventTime == null ? null : Instant.ofEpochMilli(eventTime),
                "127.0.0.1", "RESTAPI", clock.instant());
    }

    static void await(String what, BooleanSupplier check) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited 15 s for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /**
     * Waits until every accepted callback's asynchronous notification has run and been recorded.
     * A callback usually starts its notification at once, but when it comes while the worker
     * holds the free places for its poll of the store (once a second, for one query), it waits in
     * the store for the worker, which takes it straight away: a test counts starts only after that.
     */
    static void awaitSettled(DurableDeliveries store) {
        await("every notification made and recorded", () -> store.waiting() == 0);
    }

    String stateOf(String group) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT state FROM " + DeliveryTable.NAME
                        + " WHERE group_id = '" + group + "'")) {
            return row.next() ? row.getString(1) : null;
        }
    }

    long rows() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM " + DeliveryTable.NAME)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void notifiesAnAcceptedCallbackOnceAndRemembersIt() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        AtomicInteger sync = new AtomicInteger();

        assertEquals(DurableDeliveries.Outcome.ACCEPTED,
                store.receive(event("@TGS#once", 1670574414123L), true, sync::incrementAndGet));

        assertEquals(1, sync.get());
        await("the notification recorded", () -> "D".equals(state("@TGS#once")));
        assertEquals(0, store.waiting());
        assertEquals(1, launcher.startedFor("@TGS#once"));
    }

    @Test
    void aCallbackSentAgainRunsNothing() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        AtomicInteger sync = new AtomicInteger();
        store.receive(event("@TGS#twice", 1670574414123L), true, sync::incrementAndGet);

        assertEquals(DurableDeliveries.Outcome.DUPLICATE,
                store.receive(event("@TGS#twice", 1670574414123L), true, sync::incrementAndGet));
        GroupFullEvent otherTopic = new GroupFullEvent(APP, "@TGS#twice", "topic", Instant.ofEpochMilli(1670574414123L),
                null, null, clock.instant());
        assertEquals(DurableDeliveries.Outcome.ACCEPTED, store.receive(otherTopic, true, sync::incrementAndGet));
        assertEquals(DurableDeliveries.Outcome.ACCEPTED,
                store.receive(event("@TGS#twice", 1670574414124L), true, sync::incrementAndGet));

        assertEquals(3, sync.get());
        awaitSettled(store);
        assertEquals(3, launcher.startedFor("@TGS#twice"));
    }

    @Test
    void aCallbackWithoutEventTimeCannotBeRecognisedAgain() {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        AtomicInteger sync = new AtomicInteger();

        store.receive(event("@TGS#no-time", null), true, sync::incrementAndGet);
        assertEquals(DurableDeliveries.Outcome.ACCEPTED, store.receive(event("@TGS#no-time", null), true, sync::incrementAndGet));

        assertEquals(2, sync.get());
        assertNull(DurableDeliveries.keyOf(event("@TGS#no-time", null)));
    }

    @Test
    void aCallbackWhoseSynchronousObserversFailIsNotKept() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        GroupFullEvent event = event("@TGS#sync-fails", 1670574414123L);

        assertThrows(IllegalStateException.class, () -> store.receive(event, true, () -> {
            throw new IllegalStateException("observer down");
        }));
        assertEquals(0, rows());
        assertEquals(0, launcher.started.size());

        // The vendor sends it again after the 500: now it is taken.
        AtomicInteger sync = new AtomicInteger();
        assertEquals(DurableDeliveries.Outcome.ACCEPTED, store.receive(event, true, sync::incrementAndGet));
        assertEquals(1, sync.get());
        awaitSettled(store);
        assertEquals(1, launcher.startedFor("@TGS#sync-fails"));
    }

    @Test
    void refusesACallbackWhenEveryConnectionIsTakenAndTakesOneAgainOnceOneIsFree() throws Exception {
        DurableDeliveries store = open(new TestLauncher(100));
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(DurableDeliveries.POOL_SIZE);
        java.util.concurrent.ExecutorService slowObservers = java.util.concurrent.Executors.newFixedThreadPool(
                DurableDeliveries.POOL_SIZE);
        try {
            for (int i = 0; i < DurableDeliveries.POOL_SIZE; i++) {
                long time = i;
                slowObservers.execute(() -> store.receive(event("@TGS#holding-" + time, time), false, () -> {
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            assertTrue(holding.await(15, TimeUnit.SECONDS), "every connection held by a synchronous observer");
            AtomicInteger sync = new AtomicInteger();

            assertThrows(DurableDeliveries.Unavailable.class,
                    () -> store.receive(event("@TGS#no-connection", 99L), false, sync::incrementAndGet));
            assertEquals(0, sync.get());
        } finally {
            release.countDown();
            slowObservers.shutdown();
            assertTrue(slowObservers.awaitTermination(15, TimeUnit.SECONDS));
        }
        AtomicInteger sync = new AtomicInteger();
        assertEquals(DurableDeliveries.Outcome.ACCEPTED,
                store.receive(event("@TGS#no-connection", 99L), false, sync::incrementAndGet));
        assertEquals(1, sync.get());
    }

    @Test
    void whatTheStoreWritesAfterAFailedObserverIsCommitted() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        launcher.observer(event -> TestLauncher.HOLD);
        store.receive(event("@TGS#after-rollback", 2L), true, () -> { });
        await("started", () -> launcher.startedFor("@TGS#after-rollback") == 1);
        assertThrows(IllegalStateException.class, () -> store.receive(event("@TGS#rolled-back", 1L), true, () -> {
            throw new IllegalStateException("observer down");
        }));

        // The held notification fails now; the store records it on the connection the rollback gave back.
        launcher.finishHeld(new IllegalStateException("downstream down"));
        await("the failure recorded", () -> store.retried() == 1);
        // Seen at once from another connection: the attempt was committed, not left in an open
        // transaction until the worker's next claim happens to commit it.
        assertEquals(1, attempts());
        assertEquals("P", stateOf("@TGS#after-rollback"));
    }

    private int attempts() {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT attempts FROM " + DeliveryTable.NAME
                        + " WHERE group_id = '@TGS#after-rollback'")) {
            return row.next() ? row.getInt(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    @Test
    void withoutAsynchronousObserversACallbackIsOnlyRemembered() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);

        store.receive(event("@TGS#sync-only", 1L), false, () -> { });

        assertEquals("D", stateOf("@TGS#sync-only"));
        assertEquals(DurableDeliveries.Outcome.DUPLICATE, store.receive(event("@TGS#sync-only", 1L), false, () -> { }));
        assertEquals(0, launcher.started.size());
    }

    @Test
    void retriesAFailedNotificationAfterTheBackoffThenGivesUpAndDeliversAgainWhenAsked() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        launcher.observer(event -> new IllegalStateException("downstream down"));
        DurableDeliveries store = open(launcher);
        store.receive(event("@TGS#flaky", 7L), true, () -> { });
        await("the first failure recorded", () -> store.retried() == 1);
        assertEquals(1, launcher.startedFor("@TGS#flaky"));

        // Not before the backoff (at least half of the first retry's 10 s) ...
        clock.advance(FIRST_RETRY.dividedBy(2).minusMillis(1));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2500));
        assertEquals(1, launcher.startedFor("@TGS#flaky"));
        // ... and by its end.
        clock.advance(FIRST_RETRY);
        await("the second attempt", () -> launcher.startedFor("@TGS#flaky") == 2);
        await("the second failure recorded", () -> store.retried() == 2);

        clock.advance(FIRST_RETRY.multipliedBy(2));
        await("the third and last attempt", () -> launcher.startedFor("@TGS#flaky") == 3);
        await("given up", () -> store.givenUp() == 1);
        assertEquals("G", stateOf("@TGS#flaky"));
        clock.advance(Duration.ofDays(1));
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));
        assertEquals(3, launcher.startedFor("@TGS#flaky"), "a given-up notification waits for the operator");

        launcher.observer(event -> null);
        assertEquals(1, store.redeliverGivenUp());
        await("delivered again", () -> "D".equals(state("@TGS#flaky")));
        assertEquals(4, launcher.startedFor("@TGS#flaky"));
        assertEquals(0, store.givenUp());
    }

    @Test
    void aBacklogWaitsInTheStoreAndIsTakenAsPlacesComeFree() throws Exception {
        TestLauncher launcher = new TestLauncher(0);
        DurableDeliveries store = open(launcher);
        for (int i = 0; i < 250; i++) {
            assertEquals(DurableDeliveries.Outcome.ACCEPTED, store.receive(event("@TGS#backlog" + i, (long) i), true, () -> { }));
        }
        assertEquals(0, launcher.started.size());
        assertEquals(250, store.waiting());

        launcher.observer(event -> TestLauncher.HOLD);
        launcher.addPlaces(7);
        await("as many as there are places", () -> launcher.started.size() == 7);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1500));
        assertEquals(7, launcher.started.size(), "never more in flight than there are places");

        launcher.observer(event -> null);
        launcher.finishHeld();
        await("the whole backlog", () -> launcher.started.size() == 250);
        await("each recorded", () -> store.waiting() == 0);
        assertEquals(7, launcher.mostInFlight.get());
        for (int i = 0; i < 250; i++) {
            assertEquals(1, launcher.startedFor("@TGS#backlog" + i));
        }
    }

    @Test
    void anotherServerTakesOverWhatADeadServerHeldOnceItsLeaseRunsOut() throws Exception {
        TestLauncher dying = new TestLauncher(10);
        dying.observer(event -> TestLauncher.HOLD);
        DurableDeliveries first = open(dying);
        first.receive(event("@TGS#orphan", 1L), true, () -> { });
        await("started", () -> dying.startedFor("@TGS#orphan") == 1);
        // The first server dies: its worker stops, its claim stays.
        first.close();

        TestLauncher survivor = new TestLauncher(10);
        open(survivor);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2500));
        assertEquals(0, survivor.started.size(), "not while the lease lasts");

        clock.advance(LEASE);
        await("taken over", () -> survivor.startedFor("@TGS#orphan") == 1);
        await("recorded", () -> "D".equals(state("@TGS#orphan")));
    }

    @Test
    void aLiveServerKeepsItsClaimWhileItsObserverRuns() throws Exception {
        TestLauncher slow = new TestLauncher(10);
        slow.observer(event -> TestLauncher.HOLD);
        open(slow).receive(event("@TGS#slow", 1L), true, () -> { });
        await("started", () -> slow.startedFor("@TGS#slow") == 1);
        TestLauncher other = new TestLauncher(10);
        open(other);

        for (int i = 0; i < 4; i++) {
            // The worker renews every third of a lease (2 s, on its once-a-second wake-ups): the
            // other server could take the row only after three of these steps (7.5 s) without a
            // renewal, far more than a late worker misses. The four move the clock past a lease.
            clock.advance(LEASE.dividedBy(3));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2500));
        }
        assertEquals(0, other.started.size());
        assertEquals(1, slow.started.size());
    }

    @Test
    void purgesWhatOutlivedItsRetention() throws Exception {
        TestLauncher launcher = new TestLauncher(10);
        DurableDeliveries store = open(launcher);
        store.receive(event("@TGS#old", 1L), true, () -> { });
        await("recorded", () -> "D".equals(state("@TGS#old")));
        store.close();

        clock.advance(RETENTION.plusSeconds(1));
        DurableDeliveries later = open(new TestLauncher(10));
        await("purged", () -> state("@TGS#old") == null);
        assertEquals(DurableDeliveries.Outcome.ACCEPTED, later.receive(event("@TGS#old", 1L), false, () -> { }));
    }

    @Test
    void refusesToStartWithoutItsTableWhenItMayNotCreateIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> open(new TestLauncher(1), config(3, false)));
        assertTrue(e.getMessage().startsWith("The setting 'deliveryStore' (context-param tim.deliveryStore) names a"
                + " delivery store that has no table tim_group_full_delivery, and deliveryStoreCreate is false"), e.getMessage());
    }

    @Test
    void startsOnATableCreatedByHandFromTheReadme() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String ddl : DeliveryTable.DDL) {
                statement.execute(ddl);
            }
        }
        TestLauncher launcher = new TestLauncher(1);
        open(launcher, config(3, false)).receive(event("@TGS#by-hand", 1L), true, () -> { });
        await("recorded", () -> "D".equals(state("@TGS#by-hand")));
    }

    private String state(String group) {
        try {
            return stateOf(group);
        } catch (SQLException e) {
            return "unreadable: " + e;
        }
    }
}
