package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.ServletRegistration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which servlet a context-relative path maps to, by the Servlet specification's rules (12.1). */
class ServletPathsTest {

    /** A servlet registration as the container reports it: a name and its mappings. */
    private record Registration(String getName, Collection<String> getMappings) implements ServletRegistration {
        @Override
        public Set<String> addMapping(String... urlPatterns) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getRunAsRole() {
            return null;
        }

        @Override
        public String getClassName() {
            return "x";
        }

        @Override
        public boolean setInitParameter(String name, String value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getInitParameter(String name) {
            return null;
        }

        @Override
        public Set<String> setInitParameters(Map<String, String> initParameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> getInitParameters() {
            return Map.of();
        }
    }

    private static final List<Registration> APPLICATION = List.of(
            new Registration("receiver", List.of("/tim/callback")),
            new Registration("im", List.of("/im/*", "/hooks/im")),
            new Registration("imAdmin", List.of("/im/admin/*")),
            new Registration("actions", List.of("*.do")),
            new Registration("default", List.of("/")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/tim/callback, receiver",
        "/hooks/im, im",
        "/im, im",
        "/im/other, im",
        "/im/admin/x, imAdmin",
        "/im/admin, imAdmin",
        "/x/y.do, actions",
        "/im/y.do, im",
    })
    void findsTheServletThatAPathMapsTo(String path, String servlet) {
        assertEquals(servlet, OtherCallbacks.ServletPaths.servletAt(path, APPLICATION));
    }

    @ParameterizedTest
    @CsvSource({"/static/logo.png", "/tim/callback/x", "/img", "/"})
    void countsNoDefaultServletAsAMatch(String path) {
        assertNull(OtherCallbacks.ServletPaths.servletAt(path, APPLICATION));
    }
}
