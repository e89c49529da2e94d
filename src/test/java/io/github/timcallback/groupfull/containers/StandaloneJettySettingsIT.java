package io.github.timcallback.groupfull.containers;

import java.util.List;

/**
 * {@link StandaloneJettyIT} again, with the README's Jetty setting in {@code start.d/server.ini}:
 * the long request lines Jetty answered itself now reach the receiver, and everything else still
 * holds.
 */
class StandaloneJettySettingsIT extends StandaloneJettyIT {

    @Override
    List<String> settings() {
        return List.of("jetty.httpConfig.requestHeaderSize=65536");
    }
}
