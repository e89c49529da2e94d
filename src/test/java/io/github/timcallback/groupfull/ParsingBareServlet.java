package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.bench.BareServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The bare servlet plus the one piece of work no receiver of this callback can skip: reading
 * the body and parsing it with the receiver's JSON-B parser. Beside the bare servlet in
 * src/bench/load.sh, in a web application of its own like it, it shows what that work costs
 * per request under load, which the JMH loop understates. Test scope only; never in the WAR.
 */
public class ParsingBareServlet extends BareServlet {

    private static final long serialVersionUID = 1L;

    private final transient BodyParser bodies = new BodyParser();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = new byte[request.getContentLength()];
        if (request.getInputStream().readNBytes(body, 0, body.length) != body.length) {
            throw new IOException("short body");
        }
        bodies.parse(body, body.length);
        super.service(request, response);
    }
}
