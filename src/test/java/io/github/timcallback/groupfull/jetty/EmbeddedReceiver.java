package io.github.timcallback.groupfull.jetty;

import jakarta.servlet.Servlet;
import jakarta.servlet.UnavailableException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.ListenerHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * The product's {@code webapp/} (its real {@code web.xml}) on an embedded Jetty 12 ee10 with
 * Weld, on a free loopback port. Settings are given as context-params, as a deployer would.
 */
public final class EmbeddedReceiver implements AutoCloseable {

    public static final String PATH = "/tim/callback";
    public static final String SERVLET_NAME = "GroupFullCallback";

    private final Server server;
    private final WebAppContext context;

    private EmbeddedReceiver(Server server, WebAppContext context) {
        this.server = server;
        this.context = context;
    }

    public static EmbeddedReceiver start(Map<String, String> contextParams) throws Exception {
        return start(contextParams, true, Map.of());
    }

    /** With {@code withCdi} false the application runs without any CDI container. */
    static EmbeddedReceiver start(Map<String, String> contextParams, boolean withCdi) throws Exception {
        return start(contextParams, withCdi, Map.of());
    }

    /**
     * With further servlets beside the receiver, by path (the benchmarks' bare baseline), each the
     * only servlet of a web application of its own, as a second WAR would be: same kind of
     * context as the receiver's, but no CDI, no listeners and none of the receiver's settings.
     */
    public static EmbeddedReceiver start(Map<String, String> contextParams, boolean withCdi,
            Map<String, Class<? extends Servlet>> servlets) throws Exception {
        return start(contextParams, withCdi, servlets, UnaryOperator.identity());
    }

    /** As above, with all requests passing through the handler that {@code wrap} puts around the applications. */
    public static EmbeddedReceiver start(Map<String, String> contextParams, boolean withCdi,
            Map<String, Class<? extends Servlet>> servlets, UnaryOperator<Handler> wrap) throws Exception {
        return start(contextParams, withCdi, servlets, wrap, application -> { });
    }

    /** With the receiver's application given more of its own (servlets, filters) by {@code extend} before it starts. */
    public static EmbeddedReceiver start(Map<String, String> contextParams, Consumer<WebAppContext> extend)
            throws Exception {
        return start(contextParams, true, Map.of(), UnaryOperator.identity(), extend);
    }

    private static EmbeddedReceiver start(Map<String, String> contextParams, boolean withCdi,
            Map<String, Class<? extends Servlet>> servlets, UnaryOperator<Handler> wrap,
            Consumer<WebAppContext> extend) throws Exception {
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        // Room for the enormous query strings of the hostile-input tests to reach the servlet.
        http.setRequestHeaderSize(64 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.addConnector(new LocalConnector(server, new HttpConnectionFactory(http)));

        WebAppContext context = new WebAppContext();
        context.setContextPath("/");
        context.setBaseResourceAsPath(Path.of("webapp").toAbsolutePath());
        context.setParentLoaderPriority(true);
        contextParams.forEach(context::setInitParameter);
        // Tomcat starts Weld through its ServletContainerInitializer; plain embedded Jetty
        // does not scan for those, so the listener is added the way web.xml would.
        if (withCdi) {
            ListenerHolder weld = new ListenerHolder();
            weld.setClassName("org.jboss.weld.environment.servlet.Listener");
            context.getServletHandler().addListener(weld);
        }
        extend.accept(context);
        ContextHandlerCollection contexts = new ContextHandlerCollection(context);
        for (Map.Entry<String, Class<? extends Servlet>> servlet : servlets.entrySet()) {
            WebAppContext other = new WebAppContext();
            other.setContextPath(servlet.getKey());
            other.setAllowNullPathInContext(true);
            Path empty = Files.createTempDirectory("other-webapp");
            empty.toFile().deleteOnExit();
            other.setBaseResourceAsPath(empty);
            other.setParentLoaderPriority(true);
            other.addServlet(servlet.getValue(), "/");
            contexts.addHandler(other);
        }
        server.setHandler(wrap.apply(contexts));
        server.start();
        // Jetty keeps serving a context whose servlet refused to start (and answers 404 there);
        // fail instead, as Tomcat does with the WAR's META-INF/context.xml.
        UnavailableException refused = context.getServletHandler().getServlet(SERVLET_NAME).getUnavailableException();
        if (refused != null) {
            server.stop();
            throw refused;
        }
        return new EmbeddedReceiver(server, context);
    }

    /** One raw HTTP exchange in memory, without sockets: for fuzzing, where speed counts. */
    RawHttp.Answer exchangeInMemory(byte[] request) throws Exception {
        ByteBuffer response = exchangeRaw(ByteBuffer.wrap(request));
        return RawHttp.parse(StandardCharsets.UTF_8.decode(response).toString());
    }

    /** One raw HTTP exchange through Jetty's in-memory connector. */
    public ByteBuffer exchangeRaw(ByteBuffer request) throws Exception {
        return server.getBean(LocalConnector.class).getResponse(request, 10, TimeUnit.SECONDS);
    }

    /** The initialised instance of a servlet of the application, to drive directly. */
    public Servlet servlet(String name) throws Exception {
        return context.getServletHandler().getServlet(name).getServlet();
    }

    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
