package io.github.timcallback.groupfull.delivery;

import io.github.timcallback.groupfull.GroupFullEvent;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Accepted callbacks kept in a database until their asynchronous notification has been made:
 * nothing accepted is lost when the JVM dies or an asynchronous observer fails, and nothing is
 * fired twice when the vendor sends a callback again. The servlet's one entry into the store.
 *
 * <p>{@link #receive} stores a callback and runs the synchronous observers in one transaction,
 * which it commits before the answer: a callback already stored is a duplicate and runs
 * nothing; one whose observers fail is not stored. The asynchronous notification follows at
 * once when there is room for it ({@link Launcher}), otherwise from the database, which a worker
 * thread reads in bounded batches: it claims due rows for this server for a lease that it renews
 * while their observers run, so that several servers on one database share the work and a
 * server that dies leaves its claims to the others once the lease runs out. The same thread
 * records each outcome (a failure is tried again after a {@link Backoff}, and given up after the
 * last attempt) and purges what has outlived its retention.
 */
public final class DurableDeliveries implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DurableDeliveries.class.getName());
    /** How often the worker looks for due deliveries when nothing wakes it. */
    private static final long POLL_MILLIS = 1000;
    /** How often notified rows past their retention are purged. */
    private static final long PURGE_MILLIS = TimeUnit.MINUTES.toMillis(1);
    /** The most rows one claim or one purge statement takes. */
    static final int BATCH = 100;
    private static final int PURGE_BATCH = 1000;
    private static final int PURGE_BATCHES_AT_ONCE = 10;
    /** The store's own pool, for a JDBC URL: its size, and how long a callback waits for a connection. */
    static final int POOL_SIZE = 16;
    private static final long POOL_WAIT_MILLIS = 500;
    private static final long WARNING_INTERVAL_MILLIS = TimeUnit.MINUTES.toMillis(1);

    /** How the receiver runs asynchronous notifications: within its bound of notifications in flight. */
    public interface Launcher {
        /** {@return whether a place for one notification was taken: {@code false} when all are taken} */
        boolean tryReserve();

        /** Gives back a place that will not be used. */
        void release();

        /**
         * Starts the notification for which a place was taken.
         *
         * @param event    the callback to notify the asynchronous observers of
         * @param whenDone gets {@code null} when they all succeeded, or the failure
         */
        void start(GroupFullEvent event, Consumer<Throwable> whenDone);
    }

    /** What became of a callback given to {@link #receive}. */
    public enum Outcome {
        /** Stored, and its synchronous observers ran. */
        ACCEPTED,
        /** Stored already: the vendor sent it again. Nothing ran. */
        DUPLICATE
    }

    /** The store could not take a callback (database down, no connection free); nothing ran, or nothing was kept. */
    public static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable(SQLException cause) {
            super(cause.toString(), cause, false, false);
        }
    }

    private record Completion(long id, GroupFullEvent event, int attempts, Throwable failure) {
    }

    /** Put on the queue of completions to have the worker look at once (a callback waits in the store, a stop). */
    private static final Completion SIGNAL = new Completion(-1, null, 0, null);

    private final StoreConfig config;
    private final Connections connections;
    /** The JDBC drivers that opening the store registered, let go of at the end. */
    private final List<Driver> registered;
    private final Dialect dialect;
    private final DeliveryTable table;
    private final Launcher launcher;
    private final Clock clock;
    private final Backoff backoff;
    private final String node = UUID.randomUUID().toString();
    /** The attempts made so far of each notification this server runs now, by row id. */
    private final Map<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final BlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final List<Completion> unwritten = new ArrayList<>();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong lastReceiveWarning = new AtomicLong(Long.MIN_VALUE);
    private long lastWorkerWarning = Long.MIN_VALUE;
    private volatile boolean claiming = true;
    private volatile boolean running = true;
    private volatile boolean wake;
    private final Thread worker;

    private DurableDeliveries(StoreConfig config, Connections connections, List<Driver> registered, Dialect dialect,
            Set<String> sdkAppIds, Launcher launcher, Clock clock) {
        this.config = config;
        this.connections = connections;
        this.registered = registered;
        this.dialect = dialect;
        this.table = new DeliveryTable(dialect, sdkAppIds);
        this.launcher = launcher;
        this.clock = clock;
        this.backoff = new Backoff(config.firstRetry(), bound -> ThreadLocalRandom.current().nextLong(bound));
        this.worker = new Thread(this::work, "tim-deliveries");
        worker.setDaemon(true);
    }

    /**
     * Connects to the store, makes sure its table is there and starts the worker.
     *
     * @param config    where the store is and how it retries
     * @param sdkAppIds the SDKAppIDs of this receiver: it claims the rows of these only
     * @param launcher  how asynchronous notifications are run
     * @param clock     what due times, leases and retention are measured by
     * @return the open store, its worker running
     * @throws IllegalArgumentException naming the setting when the store cannot be used
     */
    public static DurableDeliveries open(StoreConfig config, Set<String> sdkAppIds, Launcher launcher, Clock clock) {
        Set<Driver> registeredBefore = DriverManager.drivers().collect(Collectors.toSet());
        Driver driver = config.isJdbcUrl() ? driverFor(config) : null;
        // Looking for the driver registers the application's own (H2 in the WAR): let go of them at the end.
        List<Driver> registered = DriverManager.drivers().filter(d -> !registeredBefore.contains(d)
                && d.getClass().getClassLoader() == DurableDeliveries.class.getClassLoader()).toList();
        Connections connections = driver != null
                ? Connections.pool(driver, config.location(), credentials(config), POOL_SIZE, POOL_WAIT_MILLIS)
                : Connections.of(dataSource(config));
        Dialect dialect;
        try {
            dialect = prepare(config, connections);
        } catch (IllegalArgumentException e) {
            connections.close();
            deregister(registered);
            throw e;
        }
        DurableDeliveries store = new DurableDeliveries(config, connections, registered, dialect, sdkAppIds, launcher,
                clock);
        store.worker.start();
        return store;
    }

    /** {@return the store, for the start-up line: "PostgreSQL at jdbc:postgresql://db/tim"} */
    public String describe() {
        return dialect.productName + " at " + config.shown();
    }

    private static Dialect prepare(StoreConfig config, Connections connections) {
        Connection connection;
        try {
            connection = connections.borrow();
        } catch (SQLException e) {
            throw invalid(config, "cannot be reached: " + e.getMessage());
        }
        boolean failed = true;
        try {
            String product = connection.getMetaData().getDatabaseProductName();
            Dialect dialect = Dialect.of(product);
            if (dialect == null) {
                throw invalid(config, "is a " + product + " database: the store is made for PostgreSQL (several servers)"
                        + " and H2 (one server), and tested on those only");
            }
            if (dialect == Dialect.H2) {
                // H2 otherwise writes a commit up to half a second later: a JVM killed within it loses the callback.
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET WRITE_DELAY 0");
                }
            }
            if (!DeliveryTable.exists(connection)) {
                if (!config.createTable()) {
                    throw invalid(config, "has no table " + DeliveryTable.NAME + ", and deliveryStoreCreate is false:"
                            + " create it as the README shows (\"Delivery store\"), or let the receiver create it");
                }
                DeliveryTable.create(connection);
                if (!DeliveryTable.exists(connection)) {
                    throw invalid(config, "did not keep the table " + DeliveryTable.NAME + " that was created");
                }
            }
            failed = false;
            return dialect;
        } catch (SQLException e) {
            throw invalid(config, "could not be prepared: " + e.getMessage());
        } finally {
            connections.giveBack(connection, failed);
        }
    }

    private static IllegalArgumentException invalid(StoreConfig config, String problem) {
        return new IllegalArgumentException("The setting " + config.where() + " names a delivery store that " + problem
                + ". Encountered '" + config.shown() + "'.");
    }

    /** The driver that takes the URL: from the application's class path first (the WAR's H2), then the container's. */
    private static Driver driverFor(StoreConfig config) {
        ClassLoader loader = DurableDeliveries.class.getClassLoader();
        try {
            for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
                if (driver.acceptsURL(config.location())) {
                    return driver;
                }
            }
            return DriverManager.getDriver(config.location());
        } catch (SQLException | java.util.ServiceConfigurationError e) {
            throw invalid(config, "no JDBC driver takes (the WAR brings H2; any other database's driver belongs in the"
                    + " container's lib directory)");
        }
    }

    private static Properties credentials(StoreConfig config) {
        Properties properties = new Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        return properties;
    }

    private static DataSource dataSource(StoreConfig config) {
        Object found;
        try {
            InitialContext context = new InitialContext();
            try {
                found = context.lookup(config.location());
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            throw invalid(config, "is not in JNDI (" + e.getClass().getSimpleName() + ")");
        }
        if (found instanceof DataSource dataSource) {
            return dataSource;
        }
        throw invalid(config, "is in JNDI but is no javax.sql.DataSource ("
                + (found == null ? "null" : found.getClass().getName()) + ")");
    }

    /**
     * Stores a callback and runs its synchronous observers, in one transaction committed before
     * this returns.
     *
     * @param event         the accepted callback
     * @param anyAsync      whether asynchronous observers are to be notified
     * @param syncObservers the synchronous notification; what it throws is thrown on, and nothing is kept
     * @return whether the callback was new, or sent again
     * @throws Unavailable when the store cannot take the callback
     */
    public Outcome receive(GroupFullEvent event, boolean anyAsync, Runnable syncObservers) {
        boolean reserved = anyAsync && launcher.tryReserve();
        boolean started = false;
        try {
            long now = clock.millis();
            String state = anyAsync ? DeliveryTable.PENDING : DeliveryTable.DONE;
            long dueAt = !anyAsync ? now + config.retention().toMillis()
                    : reserved ? now + config.lease().toMillis() : now;
            Long id = storeAndRun(event, state, dueAt, reserved ? node : null, syncObservers);
            if (id == null) {
                return Outcome.DUPLICATE;
            }
            if (reserved) {
                started = true;
                startClaimed(id, event, 0);
            } else if (anyAsync) {
                wakeWorker();
            }
            return Outcome.ACCEPTED;
        } finally {
            if (reserved && !started) {
                launcher.release();
            }
        }
    }

    private Long storeAndRun(GroupFullEvent event, String state, long dueAt, String claimedBy, Runnable syncObservers) {
        Connection connection;
        try {
            connection = connections.borrow();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        boolean failed = true;
        try {
            connection.setAutoCommit(false);
            Long id = table.insert(connection, keyOf(event), event, state, dueAt, claimedBy);
            if (id == null) {
                connection.rollback();
            } else {
                try {
                    syncObservers.run();
                } catch (RuntimeException e) {
                    connection.rollback();
                    failed = false;
                    throw e;
                }
                connection.commit();
            }
            failed = false;
            return id;
        } catch (SQLException e) {
            throw unavailable(e);
        } finally {
            giveBackInAutoCommit(connection, failed);
        }
    }

    /** Gives a connection back as every other use of the store expects it: in auto-commit mode. */
    private void giveBackInAutoCommit(Connection connection, boolean failed) {
        if (!failed) {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                failed = true;
            }
        }
        connections.giveBack(connection, failed);
    }

    private Unavailable unavailable(SQLException e) {
        long now = System.currentTimeMillis();
        long last = lastReceiveWarning.get();
        if (now - last >= WARNING_INTERVAL_MILLIS && lastReceiveWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "The delivery store cannot take callbacks; they are refused with 503 until it can"
                    + " (this is said once a minute at most): " + e);
        }
        return new Unavailable(e);
    }

    /**
     * What identifies a callback, hashed: SdkAppid, GroupId, TopicId and EventTime. GroupId and
     * TopicId contain no control characters, so NUL separates the parts unambiguously.
     *
     * @return {@code null} for a callback without EventTime: it cannot be told apart from a later one
     */
    static String keyOf(GroupFullEvent event) {
        if (event.eventTime() == null) {
            return null;
        }
        String identity = event.sdkAppId() + '\0' + event.groupId() + '\0'
                + (event.topicId() == null ? "\1" : event.topicId()) + '\0' + event.eventTime().toEpochMilli();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private void startClaimed(long id, GroupFullEvent event, int attempts) {
        inFlight.put(id, attempts);
        launcher.start(event, failure -> completions.add(new Completion(id, event, attempts, failure)));
    }

    /** {@return the asynchronous notifications waiting in the store, now; -1 when it cannot be reached} */
    public long waiting() {
        return count(DeliveryTable.PENDING);
    }

    /** {@return the callbacks whose notification was given up, now; -1 when the store cannot be reached} */
    public long givenUp() {
        return count(DeliveryTable.GIVEN_UP);
    }

    /** {@return the failed notifications scheduled for another attempt since start} */
    public long retried() {
        return retried.get();
    }

    private long count(String state) {
        try {
            return withConnection(connection -> table.count(connection, state));
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * Makes every given-up notification due again, with its attempts counted afresh.
     *
     * @return how many
     * @throws Unavailable when the store cannot be reached
     */
    public int redeliverGivenUp() {
        try {
            int count = withConnection(connection -> table.redeliverGivenUp(connection, clock.millis()));
            LOG.log(Level.INFO, () -> "Delivering " + count + " given-up callback(s) again, as an operator asked.");
            wakeWorker();
            return count;
        } catch (SQLException e) {
            throw new Unavailable(e);
        }
    }

    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private <T> T withConnection(Work<T> work) throws SQLException {
        Connection connection = connections.borrow();
        boolean failed = true;
        try {
            T result = work.on(connection);
            failed = false;
            return result;
        } finally {
            connections.giveBack(connection, failed);
        }
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
        Connection connection = connections.borrow();
        boolean failed = true;
        try {
            connection.setAutoCommit(false);
            T result = work.on(connection);
            connection.commit();
            failed = false;
            return result;
        } finally {
            giveBackInAutoCommit(connection, failed);
        }
    }

    private void wakeWorker() {
        if (!wake) {
            wake = true;
            completions.add(SIGNAL);
        }
    }

    /**
     * The worker: records outcomes as they come in, renews the leases of what runs, claims due
     * rows once a second, at once when a callback waits in the store, and again straight away
     * while full batches come; purges once a minute.
     */
    private void work() {
        // When to renew, poll and purge next: by the elapsed time, while what is due is by the clock.
        long nextRenewal = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        long nextPoll = nextRenewal;
        long nextPurge = nextRenewal;
        boolean more = false;
        while (running) {
            try {
                Completion first = more ? completions.poll() : completions.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                takeCompletions(first);
                writeOutcomes(clock.millis());
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
                if (elapsed - nextRenewal >= 0) {
                    renewLeases(clock.millis());
                    nextRenewal = elapsed + config.lease().toMillis() / 3;
                }
                if (claiming && (more || wake || elapsed - nextPoll >= 0)) {
                    more = claimDue(clock.millis());
                    nextPoll = elapsed + POLL_MILLIS;
                }
                if (claiming && elapsed - nextPurge >= 0) {
                    purge(clock.millis());
                    nextPurge = elapsed + PURGE_MILLIS;
                }
                reachable();
            } catch (InterruptedException e) {
                break;
            } catch (SQLException | RuntimeException e) {
                unreachable(e);
                more = false;
            }
        }
        try {
            takeCompletions(null);
            writeOutcomes(clock.millis());
        } catch (SQLException | RuntimeException e) {
            unreachable(e);
        }
    }

    private void takeCompletions(Completion first) {
        if (first != null) {
            unwritten.add(first);
        }
        completions.drainTo(unwritten);
        unwritten.removeIf(completion -> completion == SIGNAL);
    }

    private void writeOutcomes(long now) throws SQLException {
        if (unwritten.isEmpty()) {
            return;
        }
        List<Long> delivered = new ArrayList<>();
        for (Completion completion : unwritten) {
            if (completion.failure() == null) {
                delivered.add(completion.id());
            }
        }
        if (!delivered.isEmpty()) {
            inTransaction(connection -> {
                table.delivered(connection, delivered, now + config.retention().toMillis());
                return null;
            });
            unwritten.removeIf(completion -> completion.failure() == null);
            delivered.forEach(inFlight::remove);
        }
        while (!unwritten.isEmpty()) {
            Completion failed = unwritten.get(0);
            recordFailure(failed, now);
            unwritten.remove(0);
            inFlight.remove(failed.id());
        }
    }

    private void recordFailure(Completion completion, long now) throws SQLException {
        int attempts = completion.attempts() + 1;
        Throwable failure = completion.failure() instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : completion.failure();
        String said = failure.toString();
        String kept = said.length() > 1000 ? said.substring(0, 1000) : said;
        String group = completion.event().groupId();
        if (attempts >= config.maxAttempts()) {
            withConnection(connection -> {
                table.failed(connection, completion.id(), attempts, -1, kept);
                return null;
            });
            LOG.log(Level.WARNING, "Gave up the asynchronous notification for group " + group + " after " + attempts
                    + " failed attempt(s); it is kept, and the JMX operation redeliverGivenUp tries it again.", failure);
        } else {
            long delay = backoff.delayMillis(attempts);
            withConnection(connection -> {
                table.failed(connection, completion.id(), attempts, now + delay, kept);
                return null;
            });
            retried.incrementAndGet();
            LOG.log(Level.WARNING, "An asynchronous observer of GroupFullEvent failed for group " + group + " (attempt "
                    + attempts + " of " + config.maxAttempts() + "); trying again in " + (delay + 999) / 1000 + " s.",
                    failure);
        }
    }

    private void renewLeases(long now) throws SQLException {
        List<Long> ids = List.copyOf(inFlight.keySet());
        if (!ids.isEmpty()) {
            withConnection(connection -> {
                table.renew(connection, node, ids, now + config.lease().toMillis());
                return null;
            });
        }
    }

    /** Claims as many due rows as there are places for; {@code true} when a full batch came, so more may wait. */
    private boolean claimDue(long now) throws SQLException {
        wake = false;
        int places = 0;
        while (places < BATCH && launcher.tryReserve()) {
            places++;
        }
        if (places == 0) {
            return false;
        }
        int limit = places;
        List<DeliveryTable.Stored> claimed;
        try {
            claimed = inTransaction(connection -> table.claim(connection, now, now + config.lease().toMillis(), node, limit));
        } catch (SQLException | RuntimeException e) {
            for (int i = 0; i < limit; i++) {
                launcher.release();
            }
            throw e;
        }
        for (int i = claimed.size(); i < limit; i++) {
            launcher.release();
        }
        for (DeliveryTable.Stored row : claimed) {
            startClaimed(row.id(), row.event(), row.attempts());
        }
        return claimed.size() == limit;
    }

    private void purge(long now) throws SQLException {
        for (int batch = 0; batch < PURGE_BATCHES_AT_ONCE; batch++) {
            int purged = withConnection(connection -> table.purge(connection, now, PURGE_BATCH));
            if (purged < PURGE_BATCH) {
                return;
            }
        }
    }

    private void unreachable(Exception e) {
        long now = System.currentTimeMillis();
        if (now - lastWorkerWarning >= WARNING_INTERVAL_MILLIS) {
            lastWorkerWarning = now;
            LOG.log(Level.WARNING, "The delivery store cannot be reached; asynchronous notifications wait there and"
                    + " their outcomes are recorded once it can (this is said once a minute at most): " + e);
        }
    }

    private void reachable() {
        if (lastWorkerWarning != Long.MIN_VALUE) {
            lastWorkerWarning = Long.MIN_VALUE;
            LOG.log(Level.INFO, "The delivery store can be reached again.");
        }
    }

    /** Claims nothing more from the store (the receiver is stopping); outcomes are still recorded until {@link #close}. */
    public void stopClaiming() {
        claiming = false;
    }

    /**
     * Records the outcomes that are in, and lets go of the database. A notification still running
     * keeps its claim until the lease runs out; then another server, or this one after its next
     * start, makes it again.
     */
    @Override
    public void close() {
        claiming = false;
        running = false;
        completions.add(SIGNAL);
        try {
            worker.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!inFlight.isEmpty()) {
            LOG.log(Level.INFO, () -> inFlight.size() + " asynchronous notification(s) did not finish before the stop;"
                    + " they stay in the delivery store and are made again within " + config.lease().toSeconds()
                    + " s of a start.");
        }
        connections.close();
        deregister(registered);
    }

    /** Lets go of drivers of the application's own class path, so that the application can be unloaded. */
    private static void deregister(List<Driver> drivers) {
        for (Driver driver : drivers) {
            try {
                DriverManager.deregisterDriver(driver);
            } catch (SQLException e) {
                // Not registered: nothing to let go.
            }
        }
    }
}
