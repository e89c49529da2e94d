package io.github.timcallback.groupfull.delivery;

import java.sql.SQLException;

/**
 * The databases the store is tested on, and the one place where they differ: how an insert
 * says that the callback is already there. Everything else (identity columns,
 * {@code FOR UPDATE SKIP LOCKED}, {@code LIMIT}) both take alike.
 */
enum Dialect {
    /** For several servers on one database. */
    POSTGRESQL("PostgreSQL", " ON CONFLICT DO NOTHING", "id"),
    /** Embedded, for one server; commits are written before they return ({@code WRITE_DELAY 0}). */
    H2("H2", "", "ID");

    /** The product name its driver reports, and the store's start-up line shows. */
    final String productName;
    /** Appended to the insert: PostgreSQL skips a duplicate row quietly rather than failing the statement. */
    final String onDuplicate;
    /** The generated key's column, as the driver wants it named. */
    final String idColumn;

    Dialect(String productName, String onDuplicate, String idColumn) {
        this.productName = productName;
        this.onDuplicate = onDuplicate;
        this.idColumn = idColumn;
    }

    /** The dialect of a database, by the product name its driver reports; {@code null} for any other. */
    static Dialect of(String databaseProductName) {
        for (Dialect dialect : values()) {
            if (dialect.productName.equals(databaseProductName)) {
                return dialect;
            }
        }
        return null;
    }

    /** Whether {@code e} is the insert of a callback that is already stored (H2 fails the statement). */
    boolean isDuplicate(SQLException e) {
        return "23505".equals(e.getSQLState());
    }
}
