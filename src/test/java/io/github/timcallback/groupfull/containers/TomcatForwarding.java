package io.github.timcallback.groupfull.containers;

import io.github.timcallback.groupfull.forward.ForwardingContract;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;

/** The forwarding contract on a real Tomcat, whose group-full deliveries {@link FileObserver} writes down. */
abstract class TomcatForwarding extends ForwardingContract {

    private final String app;
    private final String path;
    private final ObserverFile observed;
    private final Supplier<TomcatInstance> tomcat;

    TomcatForwarding(String app, String path, ObserverFile observed, Supplier<TomcatInstance> tomcat) {
        this.app = app;
        this.path = path;
        this.observed = observed;
        this.tomcat = tomcat;
    }

    @Override
    protected String app() {
        return app;
    }

    @Override
    protected URI callback(String query) {
        return tomcat.get().uri(path + query);
    }

    @Override
    protected List<String> deliveries() throws Exception {
        // FileObserver's lines end with the SdkAppid.
        return observed.lines().stream().map(line -> line.substring(0, line.lastIndexOf(' '))).toList();
    }
}
