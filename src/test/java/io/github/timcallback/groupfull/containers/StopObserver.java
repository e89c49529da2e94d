package io.github.timcallback.groupfull.containers;

import io.github.timcallback.groupfull.GroupFullEvent;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * An {@code @ObservesAsync} observer that the stop tests add to a Tomcat, whose work takes as long
 * as the test needs, told by the state Tomcat and the receiver show over JMX in the same process:
 * a group {@code @TGS#drain-...} finishes 3 s after Tomcat began to stop the application, after
 * the receiver's stop has begun (Tomcat's {@code unloadDelay} of 2 s, while {@link HoldingFilter}
 * holds a request) and within its grace period, if it waits; a group
 * {@code @TGS#held-...} only once the receiver's counters are gone, which is after the stop's
 * line. Each writes a line to the file named by OBSERVER_LOG when it begins and when it ends. A
 * bean only in the archives those tests build ({@link TomcatInstance#ALL_BEANS_XML}).
 */
public class StopObserver {

    static final String DRAIN = "@TGS#drain-";
    static final String HELD = "@TGS#held-";
    /** Tomcat's MBean of the deployed WAR, whose {@code stateName} leaves STARTED once Tomcat stops it. */
    static final String APPLICATION = "Catalina:j2eeType=WebModule,name=//localhost/group-full,"
            + "J2EEApplication=none,J2EEServer=none";
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) throws Exception {
        append("began " + event.groupId());
        if (event.groupId().startsWith(DRAIN)) {
            ObjectName application = new ObjectName(APPLICATION);
            awaitTrue(() -> !"STARTED".equals(MBEANS.getAttribute(application, "stateName")));
            Thread.sleep(3000);
        } else if (event.groupId().startsWith(HELD)) {
            ObjectName counters = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,"
                    + "context=\"/group-full\",servlet=\"GroupFullCallback\"");
            awaitTrue(() -> !MBEANS.isRegistered(counters));
        }
        append("ended " + event.groupId());
    }

    interface Condition {
        boolean holds() throws JMException;
    }

    /** Polls, bounded to two minutes (the test's own bounds are shorter). */
    static void awaitTrue(Condition condition) throws JMException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    static synchronized void append(String line) {
        try {
            Files.writeString(Path.of(System.getenv("OBSERVER_LOG")), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
