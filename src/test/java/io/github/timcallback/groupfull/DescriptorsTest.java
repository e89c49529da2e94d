package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.timcallback.groupfull.jetty.EmbeddedReceiver;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.junit.jupiter.api.Test;

/** The WAR's web.xml and the classes jar's web-fragment.xml install the same servlet at the same path. */
class DescriptorsTest {

    private static List<String> texts(Path descriptor, String element) throws Exception {
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
        var nodes = document.getElementsByTagName(element);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent().strip()).toList();
    }

    @Test
    void theWarAndTheFragmentDeclareTheSameServletAndPath() throws Exception {
        Path war = Path.of("webapp/WEB-INF/web.xml");
        Path fragment = Path.of("src/main/resources/META-INF/web-fragment.xml");
        for (String element : List.of("servlet-name", "servlet-class", "url-pattern", "load-on-startup")) {
            assertEquals(texts(war, element), texts(fragment, element), element);
        }
        assertEquals(List.of(GroupFullCallbackServlet.class.getName()), texts(war, "servlet-class"));
        assertEquals(List.of(EmbeddedReceiver.PATH), texts(war, "url-pattern"));
        assertEquals(List.of(EmbeddedReceiver.SERVLET_NAME, EmbeddedReceiver.SERVLET_NAME), texts(war, "servlet-name"));
    }

    /** The WAR's error page for a body the container could not read is the receiver itself. */
    @Test
    void theWarsErrorPageIsTheReceiversPath() throws Exception {
        Path war = Path.of("webapp/WEB-INF/web.xml");
        assertEquals(texts(war, "url-pattern"), texts(war, "location"));
        assertEquals(List.of("java.io.IOException"), texts(war, "exception-type"));
        assertEquals(List.of(), texts(Path.of("src/main/resources/META-INF/web-fragment.xml"), "error-page"));
    }
}
