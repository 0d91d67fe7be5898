package com.example.posts.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.posts.support.IndependentOfTestDatabase;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** web.xml is the one place of the servlet-level wiring; the dev run accounts for each piece of it. */
@IndependentOfTestDatabase
class WebXmlStandInsTest {

    @Test
    void everyListenerAndFilterOfWebXmlHasItsDevRunStandIn() throws Exception {
        Document webXml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Path.of("src/main/webapp/WEB-INF/web.xml").toFile());

        Set<String> wired = new HashSet<>();
        for (String element : new String[] {"listener-class", "filter-class"}) {
            NodeList classes = webXml.getElementsByTagName(element);
            for (int i = 0; i < classes.getLength(); i++) {
                wired.add(classes.item(i).getTextContent().strip());
            }
        }

        assertEquals(wired, WebXmlStandIns.BY_CLASS.keySet());
    }
}
