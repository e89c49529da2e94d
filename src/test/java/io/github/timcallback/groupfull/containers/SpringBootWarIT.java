package io.github.timcallback.groupfull.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The tests' Spring Boot 4 application built as a WAR ({@code -Dpackaging=war}) and deployed four
 * times to the Tomcat 11 of the other tests: as {@code group-full}, with {@code tim.path} moved to
 * {@code /hooks/im} by a context parameter of its Tomcat descriptor (a Spring property in a WAR),
 * for the contract; as {@code forwarding}, with the README's properties as they are; as
 * {@code bad-setting}, with a bad one; and as {@code bad-target}, forwarding to a servlet it does
 * not have. There
 * Tomcat itself maps the receiver from the classes jar's web fragment first, at
 * {@code /tim/callback}.
 */
class SpringBootWarIT extends SpringBootContract {

    private static final SpringApps.Build BUILD = SpringApps.Build.BOOT4_WAR;

    SpringBootWarIT() throws Exception {
        super(BUILD, "Spring Boot " + BUILD.bootLine() + " on Tomcat 11",
                BUILD.bootVersion() + " on " + System.getProperty("tomcat.version", "11.0.24"), "`-classes.jar` in a WAR");
    }

    @Override
    RunningServer start(Path base, Map<String, String> environment) throws Exception {
        Map<String, String> withToken = new HashMap<>(environment);
        withToken.put("IM_CALLBACK_TOKEN", TOKEN);
        Path war = SpringApps.artifact(BUILD);
        return TomcatInstance.start(TomcatInstance.home(), base.resolve("instance"),
                Map.of("group-full", war, "forwarding", war, "bad-setting", war, "bad-target", war), null, withToken, List.of(), List.of(), "", "",
                Map.of("Catalina/localhost/group-full.xml", descriptor(base, "group-full", """
                          <Parameter name="tim.path" value="/hooks/im" override="false"/>
                          <Parameter name="tim.other-callbacks" value="" override="false"/>
                        """), "Catalina/localhost/bad-setting.xml", descriptor(base, "bad-setting", """
                          <Parameter name="tim.max-body-bytes" value="0" override="false"/>
                        """), "Catalina/localhost/bad-target.xml", descriptor(base, "bad-target", """
                          <Parameter name="tim.other-callbacks" value="mvcDispatcher" override="false"/>
                        """)));
    }

    /** A Tomcat context descriptor of the deployment {@code name} with {@code parameters}, written under {@code base}. */
    private static Path descriptor(Path base, String name, String parameters) throws Exception {
        Path descriptor = base.resolve("descriptors").resolve(name + ".xml");
        Files.createDirectories(descriptor.getParent());
        return Files.writeString(descriptor, "<Context>\n" + parameters + "</Context>\n");
    }

    @Override
    String contextPath() {
        return "/group-full";
    }

    @Override
    String receiverPath() {
        return "/hooks/im";
    }

    @Test
    void theWebFragmentsPathAnswers404OnceTimPathMovesTheReceiver() throws Exception {
        String group = "@TGS#at-the-fragments-path";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server().uri(contextPath() + "/tim/callback" + QUERY + "&" + signature(TOKEN)))
                .POST(BodyPublishers.ofString("{\"GroupId\":\"" + group + "\"}")).build(), BodyHandlers.ofString());

        assertEquals(404, response.statusCode(), response::body);
        assertFalse(response.body().contains("ActionStatus"), response::body);
        awaitMarker();
        List<String> lines = observed().lines();
        assertTrue(lines.stream().noneMatch(line -> line.contains(group)), lines::toString);
    }

    /**
     * The deployment {@code bad-setting}, whose descriptor sets {@code tim.max-body-bytes} to 0, does
     * not start at all, as the README says of a bad setting: not its receiver, nor the rest of it.
     */
    @Test
    void aBadSettingStopsTheApplicationsStartNamingTheSpringProperty() throws Exception {
        assertTheDeploymentFailed("bad-setting", "The setting 'maxBodyBytes' (Spring property tim.max-body-bytes)"
                + " must be a whole number of bytes from 1 to 16777216. Encountered '0'.");
    }

    /**
     * The deployment {@code bad-target}, whose descriptor forwards other callbacks to a servlet the
     * application does not have, does not start either. Tomcat only logs a servlet that refuses to
     * start (a Spring WAR has no {@code failCtxIfServletStartFails}), so without the check at the
     * application's start the rest of it would run, and every other callback would fail.
     */
    @Test
    void aForwardingTargetThatDoesNotExistStopsTheApplicationsStart() throws Exception {
        assertTheDeploymentFailed("bad-target", "The setting 'otherCallbacks' must name a servlet of this application."
                + " Encountered 'mvcDispatcher'; the application's servlets are [");
    }

    /** Nothing of the deployment {@code name} answers, and Tomcat's console has {@code message} and the failed deployment. */
    private void assertTheDeploymentFailed(String name, String message) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server().uri("/" + name + "/actuator/metrics")).build(), BodyHandlers.ofString());

        assertEquals(404, metrics.statusCode(), metrics::body);
        String console = server().console();
        assertTrue(console.contains(message), console);
        assertTrue(console.lines().anyMatch(line -> line.contains("Error deploying deployment descriptor")
                && line.contains(name + ".xml")), console);
    }

    /** The second deployment of the same WAR, with the README's properties as they are. */
    @Nested
    class Forwarding extends SpringForwarding {

        @Override
        RunningServer server() {
            return SpringBootWarIT.this.server();
        }

        @Override
        String contextPath() {
            return "/forwarding";
        }

        @Override
        ObserverFile observed() {
            return SpringBootWarIT.this.observed();
        }
    }
}
