package io.semisup.deploy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.w3c.dom.Element;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings a service reads, found at test time in what it is built from: its {@code application.properties},
 * and the main sources of the service and of every project module it depends on (not in test scope), where
 * {@code @ConfigMapping} interfaces, {@code @ConfigProperty} names, {@code @RegisterRestClient(configKey)} and
 * environment references such as {@code ${MINIO_ENDPOINT:...}} name what is read. Nothing is listed by hand, so a
 * setting a service starts reading is known here at once.
 *
 * <p>An environment variable sets a setting when it equals the setting's name in SmallRye Config's environment form:
 * uppercase, every character other than a letter or digit replaced by {@code _}
 * ({@code semisup.dataset.max-image-bytes} is {@code SEMISUP_DATASET_MAX_IMAGE_BYTES}).
 */
final class ServiceSettings {

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^}]*)?}");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_LOOKUP =
            Pattern.compile("\\.get(?:Optional)?Values?\\s*\\(\\s*\"([a-z][A-Za-z0-9.\\-]*)\"");
    private static final Pattern REST_CLIENT =
            Pattern.compile("@RegisterRestClient\\s*\\([^)]*configKey\\s*=\\s*\"([^\"]+)\"");
    /** A mapping method: optional annotations (@WithName, @WithDefault, ...), a type, a name, no parameters. */
    private static final Pattern MAPPING_METHOD = Pattern.compile(
            "((?:@\\w+(?:\\s*\\((?:[^()\"]|\"(?:[^\"\\\\]|\\\\.)*\")*\\))?\\s*)*)"
                    + "([A-Za-z_][\\w.]*(?:\\s*<[\\w.<>,\\s?\\[\\]]*>)?(?:\\[])*)\\s+(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern NESTED_TYPE = Pattern.compile("\\b(?:interface|class|record)\\s+(\\w+)");
    private static final Set<String> LEAF_TYPES = Set.of(
            "boolean", "byte", "short", "int", "long", "float", "double", "char",
            "Boolean", "Byte", "Short", "Integer", "Long", "Float", "Double", "Character", "String",
            "Duration", "URI", "URL", "Path", "File", "BigDecimal", "BigInteger", "InetAddress", "Pattern",
            "MemorySize", "Optional", "OptionalInt", "OptionalLong", "OptionalDouble", "List", "Set");

    final String service;
    /** Setting names (without profile). */
    final Set<String> keys = new TreeSet<>();
    /** Prefixes under which any name is read (a mapping's nested group or map, a REST client's configuration). */
    final Set<String> prefixes = new TreeSet<>();
    /** Environment variables read by name ({@code ${MINIO_ENDPOINT:...}}). */
    final Set<String> environment = new TreeSet<>();
    /** Where each came from, for messages. */
    final List<String> sources = new ArrayList<>();

    private ServiceSettings(String service) {
        this.service = service;
    }

    /** The settings of every service module, by service (folder) name. */
    static Map<String, ServiceSettings> all() {
        Map<String, ServiceSettings> all = new LinkedHashMap<>();
        for (Path module : Repo.serviceModules()) {
            all.put(module.getFileName().toString(), of(module));
        }
        return all;
    }

    static ServiceSettings of(Path module) {
        ServiceSettings settings = new ServiceSettings(module.getFileName().toString());
        settings.readProperties(module.resolve("src/main/resources/application.properties"));
        for (Path m : withProjectDependencies(module)) {
            Path sources = m.resolve("src/main/java");
            if (Files.isDirectory(sources)) {
                settings.readSources(sources);
            }
        }
        return settings;
    }

    /** SmallRye Config's environment form of a setting name. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Whether this service reads the environment variable, directly or as the setting it names. */
    boolean reads(String variable) {
        if (environment.contains(variable)) {
            return true;
        }
        for (String key : keys) {
            if (environmentName(key).equals(variable)) {
                return true;
            }
        }
        for (String prefix : prefixes) {
            if (variable.startsWith(environmentName(prefix) + "_")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return service + " reads " + keys + ", anything under " + prefixes + ", environment " + environment
                + " (from " + sources + ")";
    }

    private void readProperties(Path file) {
        sources.add(Repo.relative(file));
        Properties properties = Repo.properties(file);
        for (String name : properties.stringPropertyNames()) {
            String key = name;
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                String profile = key.substring(1, dot);
                if (!profile.equals("prod")) {
                    continue; // %test., %dev.: never in a deployment
                }
                key = key.substring(dot + 1);
            }
            keys.add(key.replace("\"", ""));
            environmentReferences(properties.getProperty(name));
            if (key.startsWith("kafka.")) {
                // The Kafka connector hands every kafka.<client setting> to all the service's Kafka clients (TLS,
                // SASL, ...): the names Kafka's producers and consumers define, nothing else.
                Stream.concat(ProducerConfig.configNames().stream(), ConsumerConfig.configNames().stream())
                        .forEach(setting -> keys.add("kafka." + setting));
            }
        }
    }

    private void readSources(Path dir) {
        sources.add(Repo.relative(dir));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String source = withoutComments(Repo.read(file));
            environmentReferences(source);
            all(CONFIG_PROPERTY, source).forEach(keys::add);
            all(CONFIG_LOOKUP, source).forEach(keys::add);
            for (String configKey : all(REST_CLIENT, source)) {
                prefixes.add("quarkus.rest-client." + configKey);
                prefixes.add("quarkus.rest-client.\"" + configKey + "\"");
            }
            Matcher mapping = CONFIG_MAPPING.matcher(source);
            if (mapping.find()) {
                readMapping(mapping.group(1), source.substring(mapping.end()));
            }
        }
    }

    /**
     * A {@code @ConfigMapping} interface: each method is a setting {@code prefix.kebab-name} (or its
     * {@code @WithName}); a method returning a nested group or a map opens a prefix under which any name is read.
     */
    private void readMapping(String prefix, String body) {
        Set<String> groupTypes = new TreeSet<>();
        Matcher nested = NESTED_TYPE.matcher(body);
        while (nested.find()) {
            groupTypes.add(nested.group(1));
        }
        Matcher method = MAPPING_METHOD.matcher(body);
        while (method.find()) {
            String annotations = method.group(1);
            String type = method.group(2).replaceAll("\\s", "");
            String name = kebab(method.group(3));
            Matcher withName = WITH_NAME.matcher(annotations);
            if (withName.find()) {
                name = withName.group(1);
            }
            if (annotations.contains("@WithParentName")) {
                prefixes.add(prefix);
                continue;
            }
            if (type.equals("return") || type.equals("new")) {
                continue;
            }
            String key = prefix + "." + name;
            String outer = simpleName(type.replaceAll("<.*", ""));
            String inner = type.contains("<") ? simpleName(type.replaceAll("^[^<]*<|>[^>]*$", "")) : "";
            if (outer.equals("Map") || groupTypes.contains(outer) || groupTypes.contains(inner)) {
                prefixes.add(key);
            } else if (LEAF_TYPES.contains(outer) || Character.isLowerCase(outer.charAt(0))) {
                keys.add(key);
            } else {
                // An enum or converter type from elsewhere: a leaf setting; a group from another file: a prefix.
                keys.add(key);
                prefixes.add(key);
            }
        }
    }

    private static String simpleName(String type) {
        String t = type.replaceAll("\\[]", "").trim();
        return t.substring(t.lastIndexOf('.') + 1);
    }

    private void environmentReferences(String text) {
        all(ENV_REFERENCE, text).forEach(environment::add);
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** SmallRye's default naming: {@code maxImageBytes} is {@code max-image-bytes}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    private static String withoutComments(String source) {
        // Javadoc and comments may mention settings that are not read; string literals keep their content.
        return source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)^\\s*//.*$", " ");
    }

    /** The module and, transitively, the project modules it depends on outside test scope. */
    private static List<Path> withProjectDependencies(Path module) {
        Map<String, Path> byArtifactId = new HashMap<>();
        for (Path m : Repo.modules()) {
            Path pom = m.resolve("pom.xml");
            if (Files.isRegularFile(pom)) {
                byArtifactId.put(Repo.text(Repo.pom(pom).getDocumentElement(), "artifactId"), m);
            }
        }
        List<Path> result = new ArrayList<>();
        List<Path> todo = new ArrayList<>(List.of(module));
        while (!todo.isEmpty()) {
            Path m = todo.remove(0);
            if (result.contains(m)) {
                continue;
            }
            result.add(m);
            Element project = Repo.pom(m.resolve("pom.xml")).getDocumentElement();
            for (Element dependency : Repo.children(project, "dependencies", "dependency")) {
                String scope = Repo.text(dependency, "scope");
                Path target = byArtifactId.get(Repo.text(dependency, "artifactId"));
                if (target != null && !"test".equals(scope) && "io.semisup".equals(groupId(dependency, project))) {
                    todo.add(target);
                }
            }
        }
        return result;
    }

    private static String groupId(Element dependency, Element project) {
        String groupId = Repo.text(dependency, "groupId");
        if ("${project.groupId}".equals(groupId)) {
            String own = Repo.text(project, "groupId");
            return own != null ? own : Repo.text(Repo.children(project, "parent").get(0), "groupId");
        }
        return groupId;
    }
}
