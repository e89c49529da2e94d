package io.github.timcallback.groupfull.delivery;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Where the store's connections come from: the container's {@code DataSource} (its pool), or,
 * for a JDBC URL, a small pool of the store's own, as no JDBC driver pools by itself and a
 * PostgreSQL connection takes milliseconds to open.
 *
 * <p>A connection is given back with {@link #giveBack}, saying whether it failed: a failed one
 * is closed rather than handed out again, so that the store recovers by itself, with fresh
 * connections, once the database is back.
 */
interface Connections extends AutoCloseable {

    /** A connection, in auto-commit mode. */
    Connection borrow() throws SQLException;

    /** Returns {@code connection}; {@code failed} when an SQL statement on it failed. */
    void giveBack(Connection connection, boolean failed);

    @Override
    void close();

    /** The container's pool: each connection is closed, which gives it back there. */
    static Connections of(DataSource dataSource) {
        return new Connections() {
            @Override
            public Connection borrow() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void giveBack(Connection connection, boolean failed) {
                closeQuietly(connection);
            }

            @Override
            public void close() {
            }
        };
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing more can be done with it.
        }
    }

    /**
     * At most {@code size} connections of {@code driver} at once; a caller waits up to
     * {@code wait} for one, then fails as a database that cannot take the callback.
     */
    static Connections pool(Driver driver, String url, Properties properties, int size, long waitMillis) {
        return new Pool(driver, url, properties, size, waitMillis);
    }

    /** Idle connections kept for reuse, and a permit for each connection in use or idle. */
    final class Pool implements Connections {
        private final Driver driver;
        private final String url;
        private final Properties properties;
        private final long waitMillis;
        private final Semaphore permits;
        private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
        private volatile boolean closed;

        private Pool(Driver driver, String url, Properties properties, int size, long waitMillis) {
            this.driver = driver;
            this.url = url;
            this.properties = properties;
            this.waitMillis = waitMillis;
            this.permits = new Semaphore(size);
        }

        @Override
        public Connection borrow() throws SQLException {
            try {
                if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                    throw new SQLTransientConnectionException("All connections of the delivery store are in use");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("Interrupted while waiting for a connection", e);
            }
            Connection connection = idle.pollFirst();
            if (connection != null) {
                return connection;
            }
            try {
                connection = driver.connect(url, properties);
                if (connection == null) {
                    throw new SQLException("The JDBC driver " + driver.getClass().getName() + " does not take the URL");
                }
                return connection;
            } catch (SQLException | RuntimeException e) {
                permits.release();
                throw e;
            }
        }

        @Override
        public void giveBack(Connection connection, boolean failed) {
            if (failed || closed) {
                closeQuietly(connection);
            } else {
                idle.offerFirst(connection);
            }
            permits.release();
        }

        @Override
        public void close() {
            closed = true;
            for (Connection connection; (connection = idle.pollFirst()) != null; ) {
                closeQuietly(connection);
            }
        }
    }
}
