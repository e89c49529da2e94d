package io.github.timcallback.groupfull.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The baseline: what the container costs at the least. It writes the same fixed answer as the
 * receiver, for any request, without looking at it, from a web application of its own (no CDI,
 * so none of Weld's per-request work). Test scope only; never in the WAR.
 */
public class BareServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] OK =
            "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}".getBytes(StandardCharsets.US_ASCII);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        response.setContentLength(OK.length);
        response.getOutputStream().write(OK);
    }
}
