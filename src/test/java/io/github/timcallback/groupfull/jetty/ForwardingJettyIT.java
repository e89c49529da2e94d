package io.github.timcallback.groupfull.jetty;

import static io.github.timcallback.groupfull.forward.VendorCalls.GROUP_FULL_SAMPLE;
import static io.github.timcallback.groupfull.forward.VendorCalls.seen;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.timcallback.groupfull.forward.ForwardingContract;
import io.github.timcallback.groupfull.forward.HttpContextWatcher;
import io.github.timcallback.groupfull.forward.MarkingFilter;
import io.github.timcallback.groupfull.forward.OtherCallbackServlet;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app's one callback URL on embedded Jetty with Weld and the WAR's real {@code web.xml}: the
 * receiver forwards every other callback, checked, to the application's own servlet, named by
 * {@code tim.otherCallbacks}; and Weld's HTTP contexts are there for the forwarded ones only.
 */
class ForwardingJettyIT extends ForwardingContract {

    static final String APP = "1400000001";
    static final String TARGET = "OtherCallbacks";
    static EmbeddedReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = EmbeddedReceiver.start(Map.of("tim.sdkAppId", APP, "tim.callbackToken", TOKEN,
                "tim.maxBodyBytes", "1024", "tim.otherCallbacks", TARGET), ForwardingJettyIT::addOwnHandler);
    }

    /** The application's own servlet for its other callbacks, reachable at a path of its own too, and a filter on all paths. */
    static void addOwnHandler(WebAppContext application) {
        ServletHolder target = new ServletHolder(TARGET, OtherCallbackServlet.class);
        application.getServletHandler().addServletWithMapping(target, "/im/other");
        application.addFilter(new FilterHolder(MarkingFilter.class), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
    }

    @BeforeEach
    void clear() throws InterruptedException {
        RecordingObserver.clear();
        HttpContextWatcher.QUERIES.clear();
    }

    @Override
    protected String app() {
        return APP;
    }

    @Override
    protected URI callback(String query) {
        return receiver.uri(EmbeddedReceiver.PATH + query);
    }

    @Override
    protected List<String> deliveries() {
        return Stream.concat(RecordingObserver.SYNC.stream().map(event -> "sync " + event.groupId()),
                RecordingObserver.ASYNC.stream().map(event -> "async " + event.groupId())).toList();
    }

    @Test
    void givesForwardedCallbacksWeldsHttpRequestContext() throws Exception {
        String query = query("Group.CallbackAfterNewMemberJoin");
        seen(post(query, BodyPublishers.ofString("{}"), "application/json"));
        assertEquals(List.of(query.substring(1)), HttpContextWatcher.QUERIES);
    }

    @Test
    void leavesWeldsHttpContextsOffGroupFullCallbacks() throws Exception {
        assertEquals(200, post(query("Group.CallbackAfterGroupFull"),
                BodyPublishers.ofString(GROUP_FULL_SAMPLE), "application/json").statusCode());
        assertEquals(1, RecordingObserver.SYNC.size());
        assertEquals(List.of(), HttpContextWatcher.QUERIES);
    }
}
