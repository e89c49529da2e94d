package io.github.timcallback.groupfull.containers;

import java.nio.file.Path;
import java.util.Map;

/**
 * The -ee.war on WildFly, which provides CDI (Weld) and JSON-B (Yasson) itself, with the tests'
 * observer added to WEB-INF/lib as the README tells users to add theirs.
 */
class WildFlyContractIT extends CallbackContract {

    WildFlyContractIT() {
        super("WildFly", WildFly.version(), "`-ee.war`");
    }

    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        Path war = Wars.withObserver(Path.of(System.getProperty("product.eeWar")), base.resolve("war/group-full.war"));
        return WildFly.start(base.resolve("server"), Map.of("group-full", war), environment, settings());
    }
}
