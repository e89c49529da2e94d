package io.github.timcallback.groupfull;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which requests can do without Weld's HTTP request, session and conversation contexts: the
 * group-full callbacks that reach a receiver servlet. Weld sets those contexts up around every
 * request, which costs about as much CPU per callback as all of the receiver's own work, and a
 * callback needs none of them (the receiver begins a plain request context for synchronous
 * observers when the application has {@code @RequestScoped} beans, see {@link Observers}; the
 * vendor keeps no session). Every other request keeps them, and so does every callback that
 * is forwarded to the application's own handler, which runs as if the vendor had called it.
 *
 * <p>Weld decides before any servlet runs, through {@link WeldHttpContextFilter}, which the WAR
 * registers with Weld; this class holds what the receivers tell it at start-up, by servlet name,
 * so that a receiver mapped to any path is recognised without repeating the path anywhere.
 */
final class WeldContexts {

    private static final String ATTRIBUTE = WeldContexts.class.getName();
    private static final String GROUP_FULL_PARAMETER = "CallbackCommand=" + CallbackQuery.COMMAND;

    private WeldContexts() {
    }

    /** Records a started receiver: its servlet name, and whether it forwards other callbacks. */
    static void register(ServletConfig config, boolean forwards) {
        ServletContext context = config.getServletContext();
        synchronized (WeldContexts.class) {
            if (!(context.getAttribute(ATTRIBUTE) instanceof Map<?, ?>)) {
                context.setAttribute(ATTRIBUTE, new ConcurrentHashMap<String, Boolean>());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Boolean> receivers = (Map<String, Boolean>) context.getAttribute(ATTRIBUTE);
        receivers.put(config.getServletName(), forwards);
    }

    /**
     * Whether the request needs Weld's HTTP contexts: all do but a receiver's own callbacks. When
     * the receiver forwards other callbacks, only a query that says plainly
     * {@code CallbackCommand=Group.CallbackAfterGroupFull} goes without; anything less plain
     * keeps the contexts, which costs time but never a forwarded callback its contexts.
     */
    static boolean needed(HttpServletRequest request) {
        if (!(request.getServletContext().getAttribute(ATTRIBUTE) instanceof Map<?, ?> receivers)) {
            return true;
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        Object forwards = mapping == null ? null : receivers.get(mapping.getServletName());
        if (forwards == null) {
            return true;
        }
        return Boolean.TRUE.equals(forwards) && !namesGroupFull(request.getQueryString());
    }

    /** Whether the raw query has the parameter {@code CallbackCommand=Group.CallbackAfterGroupFull}, unescaped. */
    static boolean namesGroupFull(String query) {
        if (query == null) {
            return false;
        }
        for (int at = query.indexOf(GROUP_FULL_PARAMETER); at >= 0; at = query.indexOf(GROUP_FULL_PARAMETER, at + 1)) {
            int end = at + GROUP_FULL_PARAMETER.length();
            if ((at == 0 || query.charAt(at - 1) == '&') && (end == query.length() || query.charAt(end) == '&')) {
                return true;
            }
        }
        return false;
    }
}
