package io.github.timcallback.groupfull.containers;

import java.util.List;

/**
 * {@link WildFlyContractIT} again, with the README's management commands for the HTTP listener:
 * the broken escapes and the 20,000 parameters WildFly answered itself now reach the receiver, and
 * everything else still holds.
 */
class WildFlySettingsIT extends WildFlyContractIT {

    @Override
    List<String> settings() {
        return List.of(
                "/subsystem=undertow/server=default-server/http-listener=default:write-attribute(name=decode-url,value=false)",
                "/subsystem=undertow/server=default-server/http-listener=default:write-attribute(name=max-parameters,value=100000)");
    }
}
