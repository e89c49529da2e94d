/**
 * The delivery store: accepted callbacks kept in a database (PostgreSQL, or H2 embedded) until
 * their asynchronous notification has been made, so that none is lost when the JVM dies or an
 * asynchronous observer fails, and none fires twice when the vendor sends it again.
 *
 * <p>The servlet's one entry is {@link io.github.timcallback.groupfull.delivery.DurableDeliveries}:
 * {@code open} at start-up (from the settings' {@link io.github.timcallback.groupfull.delivery.StoreConfig}),
 * {@code receive} for each accepted callback, {@code stopClaiming} and {@code close} at the stop.
 * It runs notifications through the receiver's own bound of notifications in flight
 * ({@code DurableDeliveries.Launcher}). Inside: {@code DeliveryTable} holds every SQL statement,
 * {@code Dialect} the one difference between the two databases, {@code Connections} where the
 * connections come from (the container's pool, or a small one of the store's own), and
 * {@code Backoff} when a failed notification is tried again.
 *
 * <p>It uses JDBC and JNDI from the JDK and the receiver's public {@code GroupFullEvent}; nothing of
 * CDI or the servlet API.
 */
package io.github.timcallback.groupfull.delivery;
