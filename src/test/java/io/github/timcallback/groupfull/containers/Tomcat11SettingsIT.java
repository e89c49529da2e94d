package io.github.timcallback.groupfull.containers;

import java.util.List;

/** As {@link Tomcat10SettingsIT}, on Tomcat 11. */
class Tomcat11SettingsIT extends Tomcat11ContractIT {

    @Override
    List<String> settings() {
        return Tomcat10SettingsIT.SETTINGS;
    }
}
