package io.github.timcallback.groupfull;

import io.github.timcallback.groupfull.delivery.DurableDeliveries;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Receives Tencent Cloud IM's {@code Group.CallbackAfterGroupFull} and fires a
 * {@link GroupFullEvent} to the application's CDI observers.
 *
 * <p>Each POST is checked in the order of the protocol: the query parameters (SdkAppid must be
 * one of ours), the callback signature when a token is configured, then the JSON body. A
 * genuine callback is answered {@code {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}};
 * anything else gets a JSON {@code FAIL} from the {@link Rejection} catalogue and fires nothing.
 *
 * <p>Installed by the WAR's {@code web.xml} (or the classes jar's {@code web-fragment.xml}):
 *
 * <pre>{@code
 * <servlet>
 *   <servlet-name>GroupFullCallback</servlet-name>
 *   <servlet-class>io.github.timcallback.groupfull.GroupFullCallbackServlet</servlet-class>
 *   <init-param><param-name>sdkAppId</param-name><param-value>1400000000</param-value></init-param>
 *   <load-on-startup>1</load-on-startup>
 * </servlet>
 * <servlet-mapping>
 *   <servlet-name>GroupFullCallback</servlet-name>
 *   <url-pattern>/tim/callback</url-pattern>
 * </servlet-mapping>
 * }</pre>
 *
 * <p>Settings are described in {@link Settings}; a bad one stops the servlet from starting.
 * Operators read its counts from JMX ({@link CallbackCounters}); asynchronous notifications are
 * bounded and waited for at a stop ({@link AsyncDeliveries}).
 *
 * <p>With {@code otherCallbacks} set, the app's other callbacks (another {@code CallbackCommand}
 * at the same URL) are forwarded there once their SdkAppid and signature are checked
 * ({@link OtherCallbacks}); the target finds {@link #SDK_APP_ID_ATTRIBUTE} and
 * {@link #AUTHENTICATED_ATTRIBUTE} on the request.
 */
public class GroupFullCallbackServlet extends HttpServlet {

    /**
     * The servlet's name wherever the receiver installs it: the classes jar's
     * {@code web-fragment.xml}, the WAR's {@code web.xml}, the Spring auto-configuration. A host
     * application maps this name to move the receiver.
     */
    public static final String SERVLET_NAME = "GroupFullCallback";

    /**
     * The request attribute that a forwarded callback carries: its SdkAppid (a {@code String}),
     * checked to be one of the configured SDKAppIDs. Only the receiver sets it; a request that
     * reached the target another way does not have it.
     */
    public static final String SDK_APP_ID_ATTRIBUTE = "io.github.timcallback.groupfull.sdkAppId";
    /**
     * The request attribute that a forwarded callback carries: {@code Boolean.TRUE} when its
     * {@code Sign} and {@code RequestTime} were verified against a token of its SdkAppid,
     * {@code Boolean.FALSE} when callback authentication is off.
     */
    public static final String AUTHENTICATED_ATTRIBUTE = "io.github.timcallback.groupfull.authenticated";
    /**
     * The refusal of a callback whose body the container could not read, kept on the request for
     * the WAR's error page (see {@link #answerAgain}).
     */
    static final String REFUSAL_ATTRIBUTE = "io.github.timcallback.groupfull.refusal";

    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(GroupFullCallbackServlet.class.getName());
    private static final String CONTENT_TYPE = "application/json;charset=UTF-8";
    private static final byte[] OK =
            "{\"ActionStatus\":\"OK\",\"ErrorInfo\":\"\",\"ErrorCode\":0}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SAMPLE_BODY = ("{\"CallbackCommand\":\"Group.CallbackAfterGroupFull\","
            + "\"GroupId\":\"@TGS#2J4SZEAEL\",\"EventTime\":\"1670574414123\",\"TopicId\":\"t\"}")
            .getBytes(StandardCharsets.US_ASCII);

    private final transient Clock clock;
    private transient Settings settings;
    /** {@link Settings#sdkAppIds()} as a list: each request compares the query against it in place. */
    private transient List<String> sdkAppIds;
    private transient Signature signature;
    private transient BodyParser bodies;
    /** The application's observers or listeners of the event. */
    private transient Recipients recipients;
    /**
     * In a Spring application, the one servlet path that callbacks are answered at
     * ({@code tim.path}); {@code null} elsewhere, where the container's mappings say it all.
     */
    private transient String answersOnlyAt;
    /** Where other callbacks go, or {@code null} when they are refused. */
    private transient OtherCallbacks otherCallbacks;
    private transient CallbackCounters counters;
    private transient ObjectName countersName;
    private transient AsyncDeliveries asyncDeliveries;
    /** Where accepted callbacks are kept until delivered, or {@code null} when in memory only. */
    private transient DurableDeliveries deliveries;
    /** Set when the container stops the servlet: from then on callbacks are refused. */
    private transient volatile boolean stopping;

    /** The servlet as containers create it, on the system clock. */
    public GroupFullCallbackServlet() {
        this(Clock.systemUTC());
    }

    /**
     * A servlet on another clock, for tests.
     *
     * @param clock what the signature's time checks and {@code receivedAt} read
     */
    public GroupFullCallbackServlet(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        try {
            start(config);
        } catch (UnavailableException e) {
            // Tomcat logs this and fails the application (the WAR's context.xml); standalone Jetty
            // logs nothing and answers 404, so the operator would never learn why.
            LOG.log(Level.ERROR, "The receiver does not start: " + e.getMessage());
            throw e;
        }
    }

    /**
     * Checks the settings that the receiver registered in {@code context} will read when it
     * starts, and that the target of {@code otherCallbacks} is a servlet of the application, for a
     * host that registers the receiver while the application starts (the Spring Boot
     * auto-configuration): a mistake then stops the application there and then, in every
     * container, also in one that would only log a servlet that refuses to start. Call it once
     * every servlet of the application is registered. The receiver checks all of it again when it
     * starts.
     *
     * @param context the application, with the receiver registered as {@link #SERVLET_NAME}
     * @throws IllegalArgumentException naming the first missing or bad setting, or the missing
     *         forwarding target, as the receiver's start does
     */
    public static void checkSettings(ServletContext context) {
        ServletRegistration receiver = context.getServletRegistration(SERVLET_NAME);
        Settings settings = Settings.read(sources(SpringListeners.in(context),
                receiver == null ? name -> null : receiver::getInitParameter, context));
        if (settings.forwardsOtherCallbacks()) {
            OtherCallbacks.check(context, settings.otherCallbacks(), SERVLET_NAME);
        }
    }

    private static Settings.Sources sources(SpringListeners spring, UnaryOperator<String> initParams,
            ServletContext context) {
        return new Settings.Sources(System::getProperty, System::getenv, spring == null ? null : spring.properties(),
                initParams, context::getInitParameter);
    }

    private void start(ServletConfig config) throws UnavailableException {
        SpringListeners spring = SpringListeners.in(config.getServletContext());
        try {
            settings = Settings.read(sources(spring, config::getInitParameter, config.getServletContext()));
            answersOnlyAt = spring == null ? null : spring.path();
        } catch (IllegalArgumentException e) {
            throw new UnavailableException(e.getMessage());
        }
        sdkAppIds = List.copyOf(settings.sdkAppIds());
        signature = settings.authenticates()
                ? new Signature(settings.callbackTokens(), settings.requestTimeTolerance(), clock)
                : null;
        bodies = new BodyParser();
        // A cold JSON-B parse costs a quarter of a second; pay it now, not on the first callback.
        bodies.parse(SAMPLE_BODY, SAMPLE_BODY.length);
        recipients = spring != null ? spring : Observers.lookUpOrExplain();
        if (settings.forwardsOtherCallbacks()) {
            try {
                otherCallbacks = OtherCallbacks.in(config.getServletContext(), settings.otherCallbacks(),
                        config.getServletName());
            } catch (IllegalArgumentException e) {
                throw new UnavailableException(e.getMessage());
            }
        }
        WeldContexts.register(config, otherCallbacks != null);
        counters = new CallbackCounters(() -> asyncDeliveries.pending(), settings.deliveryStore() != null,
                () -> deliveries);
        if (spring != null) {
            spring.start(counters);
        }
        asyncDeliveries = new AsyncDeliveries(settings.maxPendingAsync(), counters, recipients::notifyAsync);
        if (settings.deliveryStore() != null) {
            try {
                deliveries = DurableDeliveries.open(settings.deliveryStore(), settings.sdkAppIds(), asyncDeliveries, clock);
            } catch (IllegalArgumentException e) {
                throw new UnavailableException(e.getMessage());
            }
        }
        try {
            countersName = CallbackCounters.name(config.getServletContext().getContextPath(), config.getServletName());
            counters.register(countersName);
        } catch (JMException e) {
            // Counters are for operators; a JMX server that refuses them must not stop the callbacks.
            LOG.log(Level.WARNING, "The receiver's counters could not be registered with JMX: " + e);
        }

        LOG.log(Level.INFO, () -> "Receiving Group.CallbackAfterGroupFull at " + paths(config)
                + " for SDKAppID " + String.join(", ", settings.sdkAppIds()) + " (events to " + recipients
                + "); other callbacks "
                + (otherCallbacks == null ? "refused (otherCallbacks is not set)" : "forwarded to " + otherCallbacks)
                + "; request bodies up to "
                + settings.maxBodyBytes() + " bytes; callback authentication "
                + (signature == null ? "off" : "on with " + settings.describeTokens() + ", RequestTime within "
                        + settings.requestTimeTolerance().toSeconds() + " s")
                + "; at most " + settings.maxPendingAsync() + " asynchronous notifications in flight; "
                + (deliveries == null ? "no delivery store (deliveryStore is not set): asynchronous notifications are"
                        + " lost if the JVM dies or an observer fails, and a callback the vendor sends again fires again"
                        : "accepted callbacks kept in the delivery store, " + deliveries.describe())
                + "; counters at " + countersName);
        if (signature == null) {
            LOG.log(Level.WARNING, "Callbacks are not authenticated: anyone who knows this URL and the"
                    + " SDKAppID can fire GroupFullEvent. Set the callback token of the IM console as"
                    + " 'callbackToken' (TIM_CALLBACK_TOKEN).");
        }
        String shared = settings.sharedTokensWarning();
        if (shared != null) {
            LOG.log(Level.WARNING, shared);
        }
    }

    /**
     * Refuses new callbacks from now on, waits up to {@code stopGracePeriod} for the
     * asynchronous notifications in flight and says which did not finish.
     */
    @Override
    public void destroy() {
        stopping = true;
        if (deliveries != null) {
            deliveries.stopClaiming();
        }
        if (asyncDeliveries != null) {
            asyncDeliveries.awaitAtStop(settings.stopGracePeriod());
        }
        if (deliveries != null) {
            deliveries.close();
        }
        if (recipients != null) {
            recipients.close();
        }
        if (countersName != null) {
            try {
                CallbackCounters.unregister(countersName);
            } catch (JMException e) {
                LOG.log(Level.WARNING, "The receiver's counters could not be unregistered from JMX: " + e);
            }
        }
        try {
            if (bodies != null) {
                bodies.close();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Closing JSON-B failed", e);
        }
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            answerAgain(request, response);
            return;
        }
        Instant receivedAt = clock.instant();
        CallbackQuery query;
        try {
            if (answersOnlyAt != null && !answersOnlyAt.equals(request.getHttpServletMapping().getPattern())) {
                // A Spring WAR's container mapped the web fragment's path too: not the receiver's any more.
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            if (stopping) {
                throw Rejection.STOPPING.exception();
            }
            query = checkQuery(request, response);
        } catch (Rejection.Rejected rejected) {
            refuse(request, response, rejected.rejection(), false);
            return;
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Unexpected failure while checking a callback's query", e);
            refuse(request, response, Rejection.INTERNAL_ERROR, false);
            return;
        }
        if (otherCallbacks != null && query.isOtherCallback()) {
            forward(request, response, query);
        } else {
            receive(request, response, query, receivedAt);
        }
    }

    /** The method and the query parameters that every callback must get right, and for another callback its signature. */
    private CallbackQuery checkQuery(HttpServletRequest request, HttpServletResponse response) {
        if (!"POST".equals(request.getMethod())) {
            response.setHeader("Allow", "POST");
            throw Rejection.METHOD_NOT_ALLOWED.exception();
        }
        CallbackQuery query = CallbackQuery.parse(request.getQueryString(), sdkAppIds);
        if (otherCallbacks != null && query.isOtherCallback()) {
            authenticate(query);
        }
        return query;
    }

    /** Another callback of the app, checked: to the application's own handler, untouched. */
    private void forward(HttpServletRequest request, HttpServletResponse response, CallbackQuery query)
            throws ServletException, IOException {
        request.setAttribute(SDK_APP_ID_ATTRIBUTE, query.sdkAppId());
        request.setAttribute(AUTHENTICATED_ATTRIBUTE, signature != null);
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "Forwarding " + query.command() + " to " + otherCallbacks);
        }
        counters.forwarded();
        // Outside the receiver's own error handling: whatever the target throws reaches the
        // container's error handling as it would have if the vendor had called the target directly.
        otherCallbacks.forward(request, response);
    }

    /** A group-full callback: the rest of its query, its signature and body, the event, the answer. */
    private void receive(HttpServletRequest request, HttpServletResponse response, CallbackQuery query,
            Instant receivedAt) throws IOException {
        boolean bodyRead = false;
        Rejection outcome;
        try {
            query.requireGroupFull();
            authenticate(query);
            byte[] bytes = readBody(request);
            bodyRead = true;
            CallbackBody body = bodies.parse(bytes, bytes.length);
            GroupFullEvent event = eventOf(query, body, receivedAt);
            notifyObservers(event);
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "Accepted group-full callback for group " + body.groupId());
            }
            counters.accepted(receivedAt);
            answer(response, 200, OK);
            return;
        } catch (Rejection.Rejected rejected) {
            outcome = rejected.rejection();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Unexpected failure while receiving a callback", e);
            outcome = Rejection.INTERNAL_ERROR;
        }
        refuse(request, response, outcome, bodyRead);
    }

    /**
     * Synchronous observers, then asynchronous ones. In memory, a place for the asynchronous
     * notification is reserved first, so that a callback is refused whole when there is none;
     * with a delivery store the callback is stored in the transaction that the synchronous
     * observers run in, and one stored already runs nothing.
     */
    private void notifyObservers(GroupFullEvent event) {
        if (deliveries != null) {
            notifyDurably(event);
            return;
        }
        boolean async = recipients.anyAsync();
        if (async) {
            asyncDeliveries.reserve();
        }
        try {
            notifySync(event);
        } catch (Rejection.Rejected e) {
            if (async) {
                asyncDeliveries.release();
            }
            throw e;
        }
        if (async) {
            asyncDeliveries.start(event);
        }
    }

    /** Stores the callback with its synchronous observers in one transaction; one stored already runs nothing. */
    private void notifyDurably(GroupFullEvent event) {
        DurableDeliveries.Outcome outcome;
        try {
            outcome = deliveries.receive(event, recipients.anyAsync(), () -> notifySync(event));
        } catch (DurableDeliveries.Unavailable e) {
            throw Rejection.STORE_UNAVAILABLE.exception();
        }
        if (outcome == DurableDeliveries.Outcome.DUPLICATE) {
            counters.duplicate();
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "Recognised a group-full callback sent again for group " + event.groupId());
            }
        }
    }

    /** The synchronous observers; a failure of theirs is the refusal {@code OBSERVER_FAILED}. */
    private void notifySync(GroupFullEvent event) {
        try {
            recipients.notifySync(event);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, () -> "An observer of GroupFullEvent failed for group " + event.groupId(), e);
            throw Rejection.OBSERVER_FAILED.exception();
        }
    }

    /**
     * The signature, against the tokens of the callback's own SdkAppid. The refusal does not say
     * which app's token was expected; the operator's FINE log does.
     */
    private void authenticate(CallbackQuery query) {
        if (signature == null) {
            return;
        }
        try {
            signature.verify(query.sdkAppId(), query.sign(), query.requestTime());
        } catch (Rejection.Rejected rejected) {
            if (rejected.rejection() == Rejection.SIGNATURE_MISMATCH && LOG.isLoggable(Level.DEBUG)) {
                LOG.log(Level.DEBUG, "The Sign of a " + query.command() + " callback for SdkAppid " + query.sdkAppId()
                        + " matches none of that SDKAppID's tokens");
            }
            throw rejected;
        }
    }

    /**
     * Answers with the rejection. A body left unread ends the connection: saying so keeps a
     * keep-alive client from sending its next callback into a closing socket. Another callback
     * of the app that is refused for its command only is drained instead, as the vendor sends
     * it over the same kept-alive connections.
     */
    private void refuse(HttpServletRequest request, HttpServletResponse response, Rejection outcome, boolean bodyRead)
            throws IOException {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "Rejected callback: " + outcome);
        }
        counters.refused(outcome);
        boolean connectionKept = bodyRead
                || request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
        if (!connectionKept && outcome == Rejection.COMMAND_UNSUPPORTED) {
            try {
                connectionKept = RequestBody.drain(request.getInputStream(), request.getContentLengthLong(),
                        settings.maxBodyBytes());
            } catch (IOException e) {
                connectionKept = false;
            }
        }
        if (!connectionKept) {
            response.setHeader("Connection", "close");
        }
        if (outcome == Rejection.BODY_INCOMPLETE) {
            request.setAttribute(REFUSAL_ATTRIBUTE, outcome);
        }
        answer(response, outcome.status(), outcome.body());
    }

    /**
     * The WAR's error page for an {@code IOException}. Tomcat, when its own read of a body fails
     * (shorter than its Content-Length, broken chunks), discards the receiver's answer and sends
     * the request to the error page, by default its HTML one: this gives the receiver's refusal,
     * already counted, the last word. Any other error that reaches it (an exception from the
     * handler of other callbacks) keeps the status the container gave it, with an empty body.
     */
    private static void answerAgain(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getAttribute(REFUSAL_ATTRIBUTE) instanceof Rejection refusal) {
            response.setHeader("Connection", "close");
            answer(response, refusal.status(), refusal.body());
        }
    }

    private static GroupFullEvent eventOf(CallbackQuery query, CallbackBody body, Instant receivedAt) {
        return new GroupFullEvent(query.sdkAppId(), body.groupId(), body.topicId(), body.eventTime(),
                query.clientIp(), query.optPlatform(), receivedAt);
    }

    /** The body, within the limit; never a compressed one, which would have to be inflated, unbounded, first. */
    private byte[] readBody(HttpServletRequest request) {
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
            throw Rejection.BODY_ENCODED.exception();
        }
        return RequestBody.read(body(request), request.getContentLengthLong(), settings.maxBodyBytes());
    }

    /** The request's body stream; one that cannot be had is a body that never came. */
    private static InputStream body(HttpServletRequest request) {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw Rejection.BODY_INCOMPLETE.exception();
        }
    }

    private static void answer(HttpServletResponse response, int status, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String paths(ServletConfig config) {
        ServletRegistration registration =
                config.getServletContext().getServletRegistration(config.getServletName());
        String contextPath = config.getServletContext().getContextPath();
        return registration == null ? contextPath
                : registration.getMappings().stream().map(m -> contextPath + m).toList().toString();
    }
}
