package io.github.timcallback.groupfull.bench;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's forward and nothing else: hands every request, unread, to the servlet that
 * its init parameter {@code target} names, as the receiver does with the callbacks it forwards,
 * minus every check. Beside the receiver in src/bench/floor.sh it shows what a forward costs on
 * its own. Test scope only; never in the WAR.
 */
public class ForwardingBareServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private transient RequestDispatcher target;

    @Override
    public void init() throws ServletException {
        target = getServletContext().getNamedDispatcher(getInitParameter("target"));
        if (target == null) {
            throw new ServletException("No servlet named " + getInitParameter("target"));
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        target.forward(request, response);
    }
}
