package io.github.timcallback.groupfull.forward;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's own handler of its other callbacks, as the tests install it beside the
 * receiver (embedded Jetty, a host WAR on Tomcat, a jar dropped into the WAR as built). It answers
 * what it saw, as the vendor's OK answer plus fields: hashes of the query string and the body as
 * they reached it, the receiver's request attributes, the mark of the application's filter, and
 * whether Weld's HTTP request context (an injected {@code HttpServletRequest}) and a
 * {@code @RequestScoped} bean work. {@code Count} is how many requests it has seen.
 */
public class OtherCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final AtomicInteger COUNT = new AtomicInteger();
    /** The command for which this handler fails, with an IOException, as a handler can. */
    public static final String FAILING_COMMAND = "Test.HandlerFails";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readAllBytes();
        if (String.valueOf(request.getQueryString()).contains("CallbackCommand=" + FAILING_COMMAND + "&")) {
            throw new IOException("the application's handler failed");
        }
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("Count", COUNT.incrementAndGet());
        seen.put("Method", request.getMethod());
        seen.put("QuerySha256", sha256(String.valueOf(request.getQueryString()).getBytes(StandardCharsets.ISO_8859_1)));
        seen.put("BodySha256", sha256(body));
        seen.put("BodyLength", body.length);
        seen.put("ContentType", String.valueOf(request.getContentType()));
        seen.put("SdkAppid", String.valueOf(request.getAttribute("io.github.timcallback.groupfull.sdkAppId")));
        seen.put("Authenticated", String.valueOf(request.getAttribute("io.github.timcallback.groupfull.authenticated")));
        seen.put("Filter", String.valueOf(request.getAttribute(MarkingFilter.MARK)));
        seen.put("InjectedRequest", injectedRequest());
        seen.put("RequestScoped", requestScoped());
        response.setStatus(200);
        response.setContentType("application/json;charset=UTF-8");
        StringBuilder json = new StringBuilder("{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0");
        seen.forEach((name, value) -> json.append(",\"").append(name).append("\":").append(value instanceof Number
                ? value.toString() : "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
        byte[] answer = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The query string of the request that Weld's built-in bean hands out, or why there is none. */
    private static String injectedRequest() {
        try {
            HttpServletRequest injected = CDI.current().select(HttpServletRequest.class).get();
            return sha256(String.valueOf(injected.getQueryString()).getBytes(StandardCharsets.ISO_8859_1));
        } catch (RuntimeException e) {
            return "unavailable: " + e.getClass().getSimpleName();
        }
    }

    private static String requestScoped() {
        try {
            Scoped scoped = CDI.current().select(Scoped.class).get();
            return scoped.id() == scoped.id() ? "active" : "changed";
        } catch (RuntimeException e) {
            return "unavailable: " + e.getClass().getSimpleName();
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One per request context. */
    @RequestScoped
    public static class Scoped {
        private static final AtomicInteger CREATED = new AtomicInteger();
        private int id;

        @PostConstruct
        void created() {
            id = CREATED.incrementAndGet();
        }

        int id() {
            return id;
        }
    }
}
