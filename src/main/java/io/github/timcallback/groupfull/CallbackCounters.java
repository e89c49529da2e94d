package io.github.timcallback.groupfull;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
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
 */
final class CallbackCounters implements DynamicMBean {

    static final String DOMAIN = "io.github.timcallback.groupfull";
    private static final String REFUSED_PREFIX = "Refused_";

    private final LongAdder accepted = new LongAdder();
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder[] refused = new LongAdder[Rejection.values().length];
    private final LongAdder asyncFailures = new LongAdder();
    private volatile long lastAccepted;
    private final LongSupplier pending;
    private final MBeanInfo info;

    /** Counters whose {@code PendingAsyncNotifications} is read from {@code pending}. */
    CallbackCounters(LongSupplier pending) {
        this.pending = pending;
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
        info = new MBeanInfo(CallbackCounters.class.getName(), "A Group.CallbackAfterGroupFull receiver's counts",
                attributes.toArray(MBeanAttributeInfo[]::new), null, null, null);
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
    public Object invoke(String actionName, Object[] params, String[] signature) throws javax.management.MBeanException {
        throw new javax.management.MBeanException(new UnsupportedOperationException(actionName),
                "The counters have no operations");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return info;
    }
}
