package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.net.URI;

/** A container that the tests started, with the product deployed in it. */
interface RunningServer extends AutoCloseable {

    /** The address of {@code pathAndQuery} on the server's loopback port. */
    URI uri(String pathAndQuery);

    /** What the server printed, for failure messages. */
    String console() throws IOException;
}
