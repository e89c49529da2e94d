package io.github.timcallback.groupfull.containers;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;

/** The WAR as built on Tomcat 11, its counters read over a JMX connection on loopback, as an operator's jconsole would. */
class TomcatJmxIT {

    @Test
    void countsWhatArrivedAndSaysSoOverJmx() throws Exception {
        int jmxPort = TomcatInstance.freePort();
        String jmx = "-Dcom.sun.management.jmxremote.port=" + jmxPort + " -Dcom.sun.management.jmxremote.rmi.port=" + jmxPort
                + " -Dcom.sun.management.jmxremote.authenticate=false -Dcom.sun.management.jmxremote.ssl=false"
                + " -Djava.rmi.server.hostname=127.0.0.1";
        try (TomcatInstance tomcat = TomcatInstance.start(Path.of("target/tomcat-jmx").toAbsolutePath(),
                Map.of("group-full", Path.of(System.getProperty("product.war"))), null,
                Map.of("TIM_SDKAPPID", TomcatIT.APP, "CATALINA_OPTS", jmx))) {
            HttpClient http = HttpClient.newHttpClient();
            for (String body : new String[] {TomcatIT.SAMPLE, TomcatIT.SAMPLE, "{\"GroupId\":", "{}"}) {
                http.send(HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY)).POST(BodyPublishers.ofString(body))
                        .build(), BodyHandlers.discarding());
            }
            http.send(HttpRequest.newBuilder(tomcat.uri(TomcatIT.PATH + TomcatIT.QUERY.replace(TomcatIT.APP, "1400000009")))
                    .POST(BodyPublishers.ofString(TomcatIT.SAMPLE)).build(), BodyHandlers.discarding());

            JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi");
            try (JMXConnector connector = JMXConnectorFactory.connect(url)) {
                MBeanServerConnection server = connector.getMBeanServerConnection();
                ObjectName name = new ObjectName("io.github.timcallback.groupfull:type=GroupFullCallback,"
                        + "context=\"/group-full\",servlet=\"GroupFullCallback\"");
                assertTrue(server.isRegistered(name), String.valueOf(server.queryNames(new ObjectName("io.github.timcallback.groupfull:*"), null)));
                assertEquals(2L, server.getAttribute(name, "AcceptedCallbacks"));
                assertEquals(3L, server.getAttribute(name, "RefusedCallbacks"));
                assertEquals(1L, server.getAttribute(name, "Refused_BODY_NOT_JSON"));
                assertEquals(1L, server.getAttribute(name, "Refused_GROUP_ID_MISSING"));
                assertEquals(1L, server.getAttribute(name, "Refused_SDKAPPID_UNKNOWN"));
                assertEquals(0L, server.getAttribute(name, "ForwardedCallbacks"));
            }
        }
    }
}
