package io.github.timcallback.groupfull.containers;

import java.util.List;

/**
 * {@link Tomcat10ContractIT} again, with the README's Tomcat setting on the connector: the long
 * request lines Tomcat answered itself now reach the receiver, and everything else still holds.
 */
class Tomcat10SettingsIT extends Tomcat10ContractIT {

    /** The README's setting for Tomcat, an attribute of the HTTP connector. */
    static final List<String> SETTINGS = List.of("maxHttpHeaderSize=\"65536\"");

    @Override
    List<String> settings() {
        return SETTINGS;
    }
}
