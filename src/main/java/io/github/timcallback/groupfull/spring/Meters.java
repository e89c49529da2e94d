package io.github.timcallback.groupfull.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import javax.management.DynamicMBean;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import org.springframework.context.ApplicationContext;

/**
 * The servlet's JMX counts as Micrometer meters, where the application has a {@code MeterRegistry}
 * (Spring Boot Actuator): the same numbers, read from the same counters when the meters are read.
 *
 * <table>
 *   <caption>meters</caption>
 *   <tr><th>meter</th><th>type</th><th>JMX attribute</th></tr>
 *   <tr><td>{@code tim.callbacks.accepted}</td><td>counter</td><td>{@code AcceptedCallbacks}</td></tr>
 *   <tr><td>{@code tim.callbacks.forwarded}</td><td>counter</td><td>{@code ForwardedCallbacks}</td></tr>
 *   <tr><td>{@code tim.callbacks.refused}, tag {@code reason}</td><td>counter</td><td>{@code Refused_REASON}</td></tr>
 *   <tr><td>{@code tim.callbacks.duplicate}</td><td>counter</td><td>{@code DuplicateCallbacks}</td></tr>
 *   <tr><td>{@code tim.listeners.failures}, tag {@code when} = {@code before-answer} or {@code after-answer}</td>
 *       <td>counter</td><td>{@code SyncObserverFailures}, {@code AsyncObserverFailures}</td></tr>
 *   <tr><td>{@code tim.async.pending}</td><td>gauge</td><td>{@code PendingAsyncNotifications}</td></tr>
 *   <tr><td>{@code tim.deliveries.waiting}, {@code tim.deliveries.given-up}</td><td>gauge</td>
 *       <td>{@code DeliveriesWaiting}, {@code DeliveriesGivenUp}</td></tr>
 *   <tr><td>{@code tim.deliveries.retried}</td><td>counter</td><td>{@code DeliveriesRetried}</td></tr>
 * </table>
 */
final class Meters {

    private static final String REFUSED_PREFIX = "Refused_";

    private final MeterRegistry registry;
    private final List<Meter> meters;

    private Meters(MeterRegistry registry, List<Meter> meters) {
        this.registry = registry;
        this.meters = meters;
    }

    /** Registers the counts with the application's registry; {@code null} when it has none. */
    static Meters register(ApplicationContext context, DynamicMBean counters) {
        MeterRegistry registry = context.getBeanProvider(MeterRegistry.class).getIfAvailable();
        if (registry == null) {
            return null;
        }
        List<Meter> meters = new ArrayList<>();
        for (MBeanAttributeInfo attribute : counters.getMBeanInfo().getAttributes()) {
            String name = attribute.getName();
            ToDoubleFunction<DynamicMBean> value = mbean -> read(mbean, name);
            switch (name) {
                case "AcceptedCallbacks" -> meters.add(counter("tim.callbacks.accepted", counters, value, registry));
                case "ForwardedCallbacks" -> meters.add(counter("tim.callbacks.forwarded", counters, value, registry));
                case "DuplicateCallbacks" -> meters.add(counter("tim.callbacks.duplicate", counters, value, registry));
                case "DeliveriesRetried" -> meters.add(counter("tim.deliveries.retried", counters, value, registry));
                case "SyncObserverFailures" -> meters.add(FunctionCounter.builder("tim.listeners.failures", counters, value)
                        .tag("when", "before-answer").register(registry));
                case "AsyncObserverFailures" -> meters.add(FunctionCounter.builder("tim.listeners.failures", counters, value)
                        .tag("when", "after-answer").register(registry));
                case "PendingAsyncNotifications" -> meters.add(gauge("tim.async.pending", counters, value, registry));
                case "DeliveriesWaiting" -> meters.add(gauge("tim.deliveries.waiting", counters, value, registry));
                case "DeliveriesGivenUp" -> meters.add(gauge("tim.deliveries.given-up", counters, value, registry));
                default -> {
                    if (name.startsWith(REFUSED_PREFIX)) {
                        meters.add(FunctionCounter.builder("tim.callbacks.refused", counters, value)
                                .tag("reason", name.substring(REFUSED_PREFIX.length())).register(registry));
                    }
                }
            }
        }
        return new Meters(registry, meters);
    }

    void remove() {
        meters.forEach(registry::remove);
    }

    private static Meter counter(String name, DynamicMBean counters, ToDoubleFunction<DynamicMBean> value,
            MeterRegistry registry) {
        return FunctionCounter.builder(name, counters, value).register(registry);
    }

    private static Meter gauge(String name, DynamicMBean counters, ToDoubleFunction<DynamicMBean> value,
            MeterRegistry registry) {
        return Gauge.builder(name, counters, value).register(registry);
    }

    private static double read(DynamicMBean counters, String attribute) {
        try {
            return ((Number) counters.getAttribute(attribute)).doubleValue();
        } catch (JMException e) {
            return Double.NaN;
        }
    }
}
