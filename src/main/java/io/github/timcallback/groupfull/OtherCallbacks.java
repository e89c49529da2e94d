package io.github.timcallback.groupfull;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the application's other callbacks go: the IM console has one callback URL per SDKAppID,
 * so every callback the app switched on arrives at the receiver, told apart only by
 * {@code CallbackCommand}. Those that are not {@code Group.CallbackAfterGroupFull} are forwarded,
 * once their SdkAppid and signature are checked, with the container's {@link RequestDispatcher}
 * to the servlet the setting {@code otherCallbacks} names, untouched: the body unread, the query
 * string and headers as the vendor sent them.
 */
final class OtherCallbacks {

    private final ServletContext context;
    /** The context-relative path of the target, or {@code null} when it is named. */
    private final String path;
    private final String target;
    /**
     * A path's dispatcher is looked up at the first forward: Tomcat maps paths only once the
     * application has started, and while the receiver starts (load-on-startup) it logs a
     * NullPointerException and answers {@code null}, which left every forward to a path failing.
     * Any thread may look it up; they all get an equal one.
     */
    private volatile RequestDispatcher dispatcher;

    private OtherCallbacks(ServletContext context, String path, RequestDispatcher named, String target) {
        this.context = context;
        this.path = path;
        this.dispatcher = named;
        this.target = target;
    }

    /**
     * The forwarding target that the setting names in {@code context}, checked.
     *
     * @param value    a servlet name, or a context-relative path starting with {@code /}
     * @param receiver the receiver's own servlet name: forwarding there would loop
     * @throws IllegalArgumentException naming the setting and the value when the application has
     *         no such servlet, or when the target is the receiver itself
     */
    static OtherCallbacks in(ServletContext context, String value, String receiver) {
        String servlet = check(context, value, receiver);
        if (value.startsWith("/")) {
            return new OtherCallbacks(context, value, null, "path " + value + " (servlet '" + servlet + "')");
        }
        return new OtherCallbacks(context, null, context.getNamedDispatcher(value), "servlet '" + value + "'");
    }

    /**
     * Checks the forwarding target that the setting names in {@code context}, without looking up
     * a dispatcher, so also while the application is still starting, once every servlet is
     * registered.
     *
     * @return the name of the servlet the target is, or is mapped to
     * @throws IllegalArgumentException as {@link #in}
     */
    static String check(ServletContext context, String value, String receiver) {
        Map<String, ? extends ServletRegistration> servlets = context.getServletRegistrations();
        String servlet = value.startsWith("/") ? ServletPaths.servletAt(value, servlets.values()) : value;
        if (servlet == null || !servlets.containsKey(servlet)) {
            throw new IllegalArgumentException("The setting 'otherCallbacks' must name a servlet of this application"
                    + (value.startsWith("/") ? " or a path that one is mapped to (exactly, by prefix or by extension)" : "")
                    + ". Encountered '" + value
                    + "'; the application's servlets are " + new TreeSet<>(servlets.keySet()) + ".");
        }
        if (servlet.equals(receiver)) {
            throw new IllegalArgumentException("The setting 'otherCallbacks' must not lead back to the receiver"
                    + " itself (servlet '" + receiver + "'): every other callback would be forwarded forever."
                    + " Encountered '" + value + "'.");
        }
        return servlet;
    }

    /** Hands the request over as it came; the target's answer is the vendor's answer. */
    void forward(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        RequestDispatcher to = dispatcher;
        if (to == null) {
            to = context.getRequestDispatcher(path);
            dispatcher = to;
        }
        to.forward(request, response);
    }

    /** Where they go, for the start-up line. */
    @Override
    public String toString() {
        return target;
    }

    /** The servlet mapping rules of the Servlet specification (12.1), for one path. */
    static final class ServletPaths {

        private ServletPaths() {
        }

        /**
         * The name of the servlet that {@code path} maps to: an exact mapping, else the longest
         * path prefix ({@code /a/*}), else an extension ({@code *.x}); {@code null} when none
         * matches. The default mapping ({@code /}) does not count: in most containers it belongs to
         * the container's static-file servlet, where a mistyped path would silently end up.
         */
        static String servletAt(String path, Collection<? extends ServletRegistration> servlets) {
            String prefixMatch = null;
            int prefixLength = -1;
            String extensionMatch = null;
            int slash = path.lastIndexOf('/');
            int dot = path.lastIndexOf('.');
            String extension = dot > slash ? path.substring(dot + 1) : null;
            for (ServletRegistration servlet : servlets) {
                for (String mapping : servlet.getMappings()) {
                    if (mapping.equals(path) && !mapping.equals("/") || mapping.isEmpty() && path.equals("/")) {
                        return servlet.getName();
                    }
                    if (mapping.startsWith("/") && mapping.endsWith("/*")) {
                        String prefix = mapping.substring(0, mapping.length() - 2);
                        boolean matches = path.equals(prefix) || path.startsWith(prefix + "/") || prefix.isEmpty();
                        if (matches && prefix.length() > prefixLength) {
                            prefixMatch = servlet.getName();
                            prefixLength = prefix.length();
                        }
                    } else if (mapping.startsWith("*.") && mapping.substring(2).equals(extension)) {
                        extensionMatch = servlet.getName();
                    }
                }
            }
            return prefixMatch != null ? prefixMatch : extensionMatch;
        }
    }
}
