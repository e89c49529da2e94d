package io.github.timcallback.groupfull.containers;

import java.util.List;

/**
 * {@link Tomcat10ContractIT} again, with the README's Tomcat setting on the connector: the long
 * request lines Tomcat answered itself now reach the receiver, and everything else still holds.
 */
class Tomcat10SettingsIT extends Tomcat10ContractIT {

    @Override
    List<String> settings() {
        return List.of("maxHttpHeaderSize=\"65536\"");
    }
}
