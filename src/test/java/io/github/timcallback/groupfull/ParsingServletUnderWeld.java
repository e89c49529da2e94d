package io.github.timcallback.groupfull;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;

/**
 * {@link ParsingBareServlet} inside the receiver's own WAR, where Weld's request listener runs
 * on every request, and told apart by Weld as a receiver that forwards other callbacks is (its
 * HTTP contexts left off for a group-full query, see {@link WeldContexts}): what a receiver of
 * this callback that delivers through CDI pays in Tomcat before any work of its own. src/bench/floor.sh
 * serves it beside the receiver in the same web application. Test scope only; never in the WAR.
 */
public class ParsingServletUnderWeld extends ParsingBareServlet {

    private static final long serialVersionUID = 1L;

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        WeldContexts.register(config, true);
    }
}
