package io.labelstream.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the image build (Maven profile "images") produces, read from deploy/images/pom.xml as Maven would
 * resolve it: each Jib execution's image reference with the module's properties filled in, the service whose
 * packaged application it contains, and the user the images run as.
 */
record ImageBuild(List<Image> images, String user, List<String> profileModules, List<String> defaultModules) {

    /** One image: its full reference (registry/name:tag) and the module whose quarkus-app/ it holds. */
    record Image(String reference, String module) {
    }

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern QUARKUS_APP = Pattern.compile(".*/([^/]+)/target/quarkus-app(?:/lib)?");

    static ImageBuild read(Path repository) throws Exception {
        Document parent = parse(repository.resolve("pom.xml"));
        Document images = parse(repository.resolve("deploy/images/pom.xml"));
        Map<String, String> properties = new HashMap<>(properties(parent));
        properties.putAll(properties(images));
        List<Image> built = new ArrayList<>();
        for (Element plugin : children(images.getDocumentElement(), "build", "plugins", "plugin")) {
            if (!"jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                continue;
            }
            for (Element execution : children(plugin, "executions", "execution")) {
                String reference = resolve(text(execution, "configuration", "to", "image"), properties);
                String module = null;
                for (Element path : children(execution, "configuration", "extraDirectories", "paths", "path")) {
                    Matcher app = QUARKUS_APP.matcher(text(path, "from"));
                    if (app.matches()) {
                        module = app.group(1);
                    }
                }
                built.add(new Image(reference, module));
            }
        }
        String user = null;
        for (Element plugin : children(images.getDocumentElement(), "build", "plugins", "plugin")) {
            if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                user = resolve(text(plugin, "configuration", "container", "user"), properties);
            }
        }
        List<String> profileModules = new ArrayList<>();
        for (Element profile : children(parent.getDocumentElement(), "profiles", "profile")) {
            if ("images".equals(text(profile, "id"))) {
                children(profile, "modules", "module").forEach(m -> profileModules.add(m.getTextContent().strip()));
            }
        }
        List<String> defaultModules = children(parent.getDocumentElement(), "modules", "module").stream()
                .map(m -> m.getTextContent().strip()).toList();
        return new ImageBuild(built, user, profileModules, defaultModules);
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Map<String, String> properties(Document pom) {
        Map<String, String> properties = new HashMap<>();
        for (Element block : children(pom.getDocumentElement(), "properties")) {
            NodeList list = block.getChildNodes();
            for (int i = 0; i < list.getLength(); i++) {
                if (list.item(i) instanceof Element property) {
                    properties.put(property.getTagName(), property.getTextContent().strip());
                }
            }
        }
        return properties;
    }

    /** The value with ${...} filled in; an unknown property stays as written, which no manifest matches. */
    private static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        Matcher matcher = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(resolved,
                    Matcher.quoteReplacement(properties.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(resolved).toString();
    }

    /** The elements at a path of child element names below {@code from}. */
    private static List<Element> children(Element from, String... path) {
        List<Element> level = List.of(from);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : level) {
                NodeList list = element.getChildNodes();
                for (int i = 0; i < list.getLength(); i++) {
                    Node node = list.item(i);
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    private static String text(Element from, String... path) {
        List<Element> found = children(from, path);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
