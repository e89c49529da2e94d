package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.delivery.DurableDeliveries;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What one receiver servlet has done since it started, for operators: a read-only MBean in the
 * platform MBeanServer, named
 * {@code io.github.timcallback.groupfull:type=GroupFullCallback,context=CONTEXT_PATH,servlet=NAME}
 * so that two applications, or two receivers in one, stay apart.
 *
 * <p>Attributes: {@code AcceptedCallbacks}, {@code ForwardedCallbacks}, {@code RefusedCallbacks}
 * and one {@code Refused_NAME} per {@link Rejection}, {@code SyncObserverFailures},
 * {@code AsyncObserverFailures}, {@code PendingAsyncNotifications} (now, not since start) and
 * {@code LastAcceptedCallback} (milliseconds since the epoch, 0 before the first). Counting is
 * a {@link LongAdder} per count: no lock and no shared cache line on the request path.
 *
 * <p>With a delivery store, also {@code DuplicateCallbacks} (callbacks the vendor sent again,
 * answered OK and fired nothing, since start), {@code DeliveriesWaiting} and
 * {@code DeliveriesGivenUp} (rows in the store now; -1 when it cannot be reached),
 * {@code DeliveriesRetried} (failed notifications scheduled again since start), and the
 * operation {@code redeliverGivenUp}, which makes every given-up notification due again and
 * returns how many.
 */
final class CallbackCounters implements DynamicMBean {

    static final String DOMAIN = "io.github.timcallback.groupfull";
    private static final String REFUSED_PREFIX = "Refused_";
    private static final String REDELIVER = "redeliverGivenUp";

    private final LongAdder accepted = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder[] refused = new LongAdder[Rejection.values().length];
    private final LongAdder asyncFailures = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private volatile long lastAccepted;
    private final LongSupplier pending;
    /** The delivery store, or {@code null} without one. */
    private final Supplier<DurableDeliveries> store;
    private final MBeanInfo info;

    /** Counters whose {@code PendingAsyncNotifications} is read from {@code pending}, without a delivery store. */
    CallbackCounters(LongSupplier pending) {
        this(pending, false, () -> null);
    }

    /**
     * Counters whose {@code PendingAsyncNotifications} is read from {@code pending}, and, when
     * {@code withStore}, the delivery store's counts from {@code store}.
     */
    CallbackCounters(LongSupplier pending, boolean withStore, Supplier<DurableDeliveries> store) {
        this.pending = pending;
        this.store = store;
        List<MBeanAttributeInfo> attributes = new ArrayList<>(List.of(
                attribute("AcceptedCallbacks", "group-full callbacks answered OK since start"),
                attribute("ForwardedCallbacks", "other callbacks of the app forwarded to its own servlet since start"),
                attribute("RefusedCallbacks", "callbacks refused since start, for any reason"),
                attribute("SyncObserverFailures", "callbacks whose @Observes observers failed since start"),
                attribute("AsyncObserverFailures", "asynchronous notifications that an @ObservesAsync observer failed since start"),
                attribute("PendingAsyncNotifications", "asynchronous notifications not yet finished, now"),
                attribute("LastAcceptedCallback", "when the last group-full callback was accepted, in ms since the epoch; 0 if none")));
        for (Rejection rejection : Rejection.values()) {
            refused[rejection.ordinal()] = new LongAdder();
            attributes.add(attribute(REFUSED_PREFIX + rejection.name(), "callbacks refused since start with "
                    + rejection.status() + " / " + rejection.errorCode() + ": " + rejection.message()));
        }
        MBeanOperationInfo[] operations = {};
        if (withStore) {
            attributes.addAll(List.of(
                    attribute("DuplicateCallbacks", "callbacks sent again and recognised (answered OK, nothing fired) since start"),
                    attribute("DeliveriesWaiting", "asynchronous notifications waiting in the delivery store, now; -1 if it cannot be reached"),
                    attribute("DeliveriesRetried", "failed asynchronous notifications scheduled for another attempt since start"),
                    attribute("DeliveriesGivenUp", "asynchronous notifications given up after their last attempt, kept in the store, now; -1 if it cannot be reached")));
            operations = new MBeanOperationInfo[] {new MBeanOperationInfo(REDELIVER,
                    "makes every given-up asynchronous notification due again; returns how many", new MBeanParameterInfo[0],
                    "int", MBeanOperationInfo.ACTION)};
        }
        info = new MBeanInfo(CallbackCounters.class.getName(), "A Group.CallbackAfterGroupFull receiver's counts",
                attributes.toArray(MBeanAttributeInfo[]::new), null, operations, null);
    }

    private static MBeanAttributeInfo attribute(String name, String description) {
        return new MBeanAttributeInfo(name, "long", description, true, false, false);
    }

    void accepted(Instant at) {
        accepted.increment();
        lastAccepted = at.toEpochMilli();
    }

    void forwarded() {
        forwarded.increment();
    }

    void refused(Rejection rejection) {
        refused[rejection.ordinal()].increment();
    }

    void asyncFailed() {
        asyncFailures.increment();
    }

    void duplicate() {
        duplicates.increment();
    }

    /** The name this receiver's counters are registered under. */
    static ObjectName name(String contextPath, String servletName) throws JMException {
        return new ObjectName(DOMAIN + ":type=GroupFullCallback,context="
                + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath) + ",servlet=" + ObjectName.quote(servletName));
    }

    /** Registers under {@code name}, replacing what an earlier instance of the same receiver left there. */
    void register(ObjectName name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(this, name);
    }

    static void unregister(ObjectName name) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        switch (attribute) {
            case "AcceptedCallbacks":
                return accepted.sum();
            case "ForwardedCallbacks":
                return forwarded.sum();
            case "RefusedCallbacks":
                long all = 0;
                for (LongAdder count : refused) {
                    all += count.sum();
                }
                return all;
            case "SyncObserverFailures":
                // A failing synchronous observer is the refusal OBSERVER_FAILED, under a name operators look for.
                return refused[Rejection.OBSERVER_FAILED.ordinal()].sum();
            case "AsyncObserverFailures":
                return asyncFailures.sum();
            case "PendingAsyncNotifications":
                return pending.getAsLong();
            case "LastAcceptedCallback":
                return lastAccepted;
            case "DuplicateCallbacks":
                store(attribute);
                return duplicates.sum();
            case "DeliveriesWaiting":
                return store(attribute).waiting();
            case "DeliveriesRetried":
                return store(attribute).retried();
            case "DeliveriesGivenUp":
                return store(attribute).givenUp();
            default:
                if (attribute.startsWith(REFUSED_PREFIX)) {
                    for (Rejection rejection : Rejection.values()) {
                        if (attribute.equals(REFUSED_PREFIX + rejection.name())) {
                            return refused[rejection.ordinal()].sum();
                        }
                    }
                }
                throw new AttributeNotFoundException(attribute);
        }
    }

    private DurableDeliveries store(String attribute) throws AttributeNotFoundException {
        DurableDeliveries deliveries = store.get();
        if (deliveries == null) {
            throw new AttributeNotFoundException(attribute + " (there is no delivery store)");
        }
        return deliveries;
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (AttributeNotFoundException e) {
                // Left out, as the interface says.
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("The counters are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws MBeanException {
        DurableDeliveries deliveries = store.get();
        if (!REDELIVER.equals(actionName) || deliveries == null) {
            throw new MBeanException(new UnsupportedOperationException(actionName),
                    "The only operation is " + REDELIVER + ", with a delivery store");
        }
        try {
            return deliveries.redeliverGivenUp();
        } catch (DurableDeliveries.Unavailable e) {
            // The operator's JMX client may not have the receiver's classes: say it in a JDK exception.
            throw new MBeanException(new IllegalStateException("The delivery store cannot be reached: " + e.getMessage()),
                    "The delivery store cannot be reached");
        }
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
