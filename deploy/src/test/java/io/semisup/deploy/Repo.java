package io.semisup.deploy;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/** The repository as the deployment checks see it: its root, its modules, its poms and YAML files. */
final class Repo {

    /** The repository root: the folder above the deploy module (surefire runs in the module's folder). */
    static final Path ROOT = findRoot();

    static final Path K8S = ROOT.resolve("k8s");

    private Repo() {
    }

    private static Path findRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("k8s")) && Files.isRegularFile(p.resolve("pom.xml"))
                    && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with k8s/, deploy/ and pom.xml) above " + dir);
    }

    /** The modules the parent pom lists, as folders. */
    static List<Path> modules() {
        List<Path> modules = new ArrayList<>();
        for (Element e : children(pom(ROOT.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            modules.add(ROOT.resolve(e.getTextContent().trim()));
        }
        return modules;
    }

    /**
     * The service modules: those with an {@code application.properties} (the Quarkus services). Each one's image is
     * {@code semisup/<folder>}.
     */
    static List<Path> serviceModules() {
        return modules().stream()
                .filter(m -> Files.isRegularFile(m.resolve("src/main/resources/application.properties")))
                .toList();
    }

    /**
     * The services that keep data: each one talks to Kafka and has buckets of its own ({@code semisup.storage.buckets});
     * the web console is a service module that does neither.
     */
    static List<Path> dataServiceModules() {
        return serviceModules().stream()
                .filter(m -> applicationProperties(m).getProperty("semisup.storage.buckets") != null)
                .toList();
    }

    /** The project version with -SNAPSHOT dropped: the tag of the images. */
    static String imageVersion() {
        Element project = pom(ROOT.resolve("pom.xml")).getDocumentElement();
        return text(project, "version").replaceFirst("-SNAPSHOT$", "");
    }

    static Document pom(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Direct children of {@code parent} named {@code path[0]}, then their children named {@code path[1]}, ... */
    static List<Element> children(Element parent, String... path) {
        List<Element> current = List.of(parent);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element e : current) {
                NodeList nodes = e.getChildNodes();
                for (int i = 0; i < nodes.getLength(); i++) {
                    Node n = nodes.item(i);
                    if (n instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            current = next;
        }
        return current;
    }

    static String text(Element parent, String child) {
        List<Element> found = children(parent, child);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file (SnakeYAML, safe constructor; merge keys and anchors resolved). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> yamlDocuments(String yaml) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw new IllegalArgumentException("a YAML document that is not a mapping: " + doc);
            }
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    static Map<String, Object> yamlDocument(Path file) {
        List<Map<String, Object>> docs = yamlDocuments(read(file));
        if (docs.size() != 1) {
            throw new IllegalArgumentException(file + ": expected one YAML document, found " + docs.size());
        }
        return docs.get(0);
    }

    /** Every .yaml/.yml file under a folder, sorted. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isKustomization(Path file) {
        String name = file.getFileName().toString();
        return name.equals("kustomization.yaml") || name.equals("kustomization.yml") || name.equals("Kustomization");
    }

    static String relative(Path p) {
        return ROOT.relativize(p.toAbsolutePath().normalize()).toString();
    }

    /** A properties file, as Quarkus reads it. */
    static Properties properties(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A service module's src/main/resources/application.properties. */
    static Properties applicationProperties(Path module) {
        return properties(module.resolve("src/main/resources/application.properties"));
    }

    // -- small helpers for the untyped YAML trees --

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List ? (List<Object>) o : List.of();
    }

    /** The value at a path of keys in nested maps, or null. */
    static Object at(Object root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }
}
