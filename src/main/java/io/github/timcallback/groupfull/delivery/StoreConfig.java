package io.github.timcallback.groupfull.delivery;

import java.time.Duration;

/**
 * Where accepted callbacks are kept and how their asynchronous delivery is retried: the
 * {@code deliveryStore} settings, checked for form by the receiver's settings and for substance
 * (a name that resolves, a database that answers) by {@link DurableDeliveries#open}.
 *
 * @param location     the JNDI name of a {@code javax.sql.DataSource}, or a JDBC URL ({@code jdbc:...})
 * @param where        the setting and its source, for messages: {@code 'deliveryStore' (environment variable TIM_DELIVERY_STORE)}
 * @param user         the database user for a JDBC URL, or {@code null}
 * @param password     the user's password, or {@code null}; a secret, never shown
 * @param createTable  whether a missing table is created at start
 * @param maxAttempts  how many times an asynchronous notification is tried before it is given up
 * @param firstRetry   the wait before the second attempt; each further wait doubles, up to {@link Backoff#LONGEST}
 * @param retention    how long an accepted callback is remembered, so that the vendor's resending is recognised
 * @param lease        how long a server may hold a claimed delivery without renewing the claim
 */
public record StoreConfig(String location, String where, String user, String password, boolean createTable,
        int maxAttempts, Duration firstRetry, Duration retention, Duration lease) {

    /** Whether {@link #location} is a JDBC URL rather than a JNDI name. */
    boolean isJdbcUrl() {
        return location.regionMatches(true, 0, "jdbc:", 0, 5);
    }

    /**
     * The location as it may be shown: a JDBC URL without its parameters ({@code ?...} or
     * {@code ;...}), which may carry a password.
     */
    String shown() {
        if (!isJdbcUrl()) {
            return location;
        }
        int end = location.length();
        for (char c : new char[] {'?', ';'}) {
            int at = location.indexOf(c);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return end == location.length() ? location : location.substring(0, end) + "...";
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "StoreConfig[location=" + shown() + ", user=" + user + ", password="
                + (password == null ? "none" : "(not shown)") + ", createTable=" + createTable + ", maxAttempts="
                + maxAttempts + ", firstRetry=" + firstRetry + ", retention=" + retention + ", lease=" + lease + "]";
    }
}
