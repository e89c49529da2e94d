package io.github.timcallback.groupfull.containers;

import java.nio.file.Path;
import java.util.Map;

/**
 * The classes jar inside a host application's WAR of its own (web.xml, servlet, observer) on
 * WildFly, with the server's CDI and JSON-B: the fragment maps the receiver under the host's
 * context.
 */
class WildFlyHostWarContractIT extends CallbackContract {

    WildFlyHostWarContractIT() {
        super("WildFly", WildFly.version(), "`-classes.jar` in a host WAR");
    }

    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        Path war = HostApplicationIT.hostWar(base.resolve("war/host.war"), APP, "", false);
        return WildFly.start(base.resolve("server"), Map.of("host", war), environment, settings());
    }

    @Override
    String callbackPath() {
        return "/host/tim/callback";
    }
}
