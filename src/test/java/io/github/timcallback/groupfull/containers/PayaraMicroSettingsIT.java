package io.github.timcallback.groupfull.containers;

import java.util.List;

/**
 * {@link PayaraMicroContractIT} again, with the README's pre-boot command: the long request lines
 * Payara Micro answered itself now reach the receiver, and everything else still holds.
 */
class PayaraMicroSettingsIT extends PayaraMicroContractIT {

    @Override
    List<String> settings() {
        return List.of("set configs.config.server-config.network-config.protocols.protocol.http-listener.http"
                + ".header-buffer-length-bytes=65536");
    }
}
