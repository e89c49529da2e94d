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
 * a group {@code @TGS#drain-...} finishes half a second after Tomcat began to stop the
 * application (within the receiver's grace period, if the receiver waits); a group
 * {@code @TGS#held-...} only once the receiver's counters are gone, which is after the stop's
 * line. Each writes a line to the file named by OBSERVER_LOG when it begins and when it ends. A
 * bean only in the archives those tests build ({@link TomcatInstance#ALL_BEANS_XML}).
 */
public class StopObserver {

    static final String DRAIN = "@TGS#drain-";
    static final String HELD = "@TGS#held-";
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    void onGroupFullAsync(@ObservesAsync GroupFullEvent event) throws Exception {
        append("began " + event.groupId());
        if (event.groupId().startsWith(DRAIN)) {
            ObjectName application = new ObjectName("Catalina:j2eeType=WebModule,name=//localhost/group-full,"
                    + "J2EEApplication=none,J2EEServer=none");
            awaitTrue(() -> !"STARTED".equals(MBEANS.getAttribute(application, "stateName")));
            Thread.sleep(500);
        } else if (event.groupId().startsWith(HELD)) {
            ObjectName counters = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,"
                    + "context=\"/group-full\",servlet=\"GroupFullCallback\"");
            awaitTrue(() -> !MBEANS.isRegistered(counters));
        }
        append("ended " + event.groupId());
    }

    private interface Condition {
        boolean holds() throws JMException;
    }

    /** Polls, bounded to two minutes (the test's own bounds are shorter). */
    private static void awaitTrue(Condition condition) throws JMException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!condition.holds() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static synchronized void append(String line) {
        try {
            Files.writeString(Path.of(System.getenv("OBSERVER_LOG")), line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
