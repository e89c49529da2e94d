package io.github.timcallback.groupfull.containers;

import java.io.IOException;
import java.net.URI;

/** A server process listening on a loopback port. */
record LoopbackServer(int port, ServerProcess process) implements RunningServer {

    @Override
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    @Override
    public String console() throws IOException {
        return process.console();
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}
