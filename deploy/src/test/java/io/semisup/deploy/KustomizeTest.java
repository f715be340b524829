package io.semisup.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The overlays: every path a kustomization names exists (checked here, without any tool), and, where kubectl or
 * kustomize is on the PATH, what {@code kubectl kustomize k8s/overlays/<overlay>} renders parses and is what the
 * overlay promises (skipped, with the reason, where neither tool is installed).
 */
class KustomizeTest {

    static final List<String> OVERLAYS = List.of("cpu", "gpu");
    static final List<String> GPU_SERVICES = List.of("trainer-service", "inference-service");
    static final String GPU = "nvidia.com/gpu";

    // -- without a tool: the kustomizations' references --

    @TestFactory
    Stream<DynamicTest> everyPathAKustomizationNamesExists() {
        List<Path> kustomizations = Repo.yamlFiles(Repo.K8S).stream().filter(Repo::isKustomization).toList();
        assertTrue(kustomizations.size() >= 3, "base and two overlays: " + kustomizations);
        return kustomizations.stream().map(k -> DynamicTest.dynamicTest(Repo.relative(k), () -> {
            List<String> problems = new ArrayList<>();
            for (Path referenced : references(k, problems)) {
                if (!Files.exists(referenced)) {
                    problems.add(Repo.relative(referenced) + " does not exist");
                } else if (Files.isDirectory(referenced) && kustomizationIn(referenced).isEmpty()) {
                    problems.add(Repo.relative(referenced) + " is a folder without a kustomization.yaml");
                }
            }
            assertTrue(problems.isEmpty(), Repo.relative(k) + ": " + problems);
        }));
    }

    @Test
    void everyOverlayResolvesToTheBaseAndEveryFileIsUsed() {
        Set<Path> used = new HashSet<>();
        for (String overlay : OVERLAYS) {
            Path dir = Repo.K8S.resolve("overlays").resolve(overlay);
            assertTrue(kustomizationIn(dir).isPresent(), "no kustomization.yaml in " + Repo.relative(dir));
            Set<Path> reached = new HashSet<>();
            resolve(dir, reached, new ArrayList<>());
            assertTrue(reached.contains(Repo.K8S.resolve("base").normalize()),
                    "overlay " + overlay + " does not build on k8s/base");
            used.addAll(reached);
        }
        List<String> unused = Repo.yamlFiles(Repo.K8S).stream().filter(f -> !Repo.isKustomization(f))
                .filter(f -> !used.contains(f.normalize())).map(Repo::relative).toList();
        assertTrue(unused.isEmpty(), "files no overlay uses: " + unused);
    }

    /** Follows a kustomization folder's references, collecting every folder and file it reaches. */
    private static void resolve(Path dir, Set<Path> reached, List<String> problems) {
        Path normalized = dir.normalize();
        if (!reached.add(normalized)) {
            return;
        }
        Path kustomization = kustomizationIn(dir).orElseThrow(() ->
                new AssertionError(Repo.relative(dir) + " has no kustomization.yaml"));
        for (Path referenced : references(kustomization, problems)) {
            if (Files.isDirectory(referenced)) {
                resolve(referenced, reached, problems);
            } else {
                reached.add(referenced.normalize());
            }
        }
        assertTrue(problems.isEmpty(), problems.toString());
    }

    /** The local paths a kustomization file names (resources, components, patches, generators' files). */
    static List<Path> references(Path kustomization, List<String> problems) {
        Map<String, Object> k = Repo.yamlDocument(kustomization);
        Path dir = kustomization.getParent();
        List<String> paths = new ArrayList<>();
        for (String key : List.of("resources", "components", "crds", "patchesStrategicMerge", "generators",
                "transformers", "validators", "bases")) {
            Repo.list(k.get(key)).forEach(o -> paths.add(String.valueOf(o)));
        }
        for (String key : List.of("patches", "patchesJson6902")) {
            for (Object patch : Repo.list(k.get(key))) {
                if (patch instanceof String s && !s.contains("\n")) {
                    paths.add(s);
                } else if (Repo.map(patch).get("path") != null) {
                    paths.add(String.valueOf(Repo.map(patch).get("path")));
                }
            }
        }
        for (String key : List.of("configMapGenerator", "secretGenerator")) {
            for (Object generator : Repo.list(k.get(key))) {
                for (String field : List.of("files", "envs")) {
                    for (Object file : Repo.list(Repo.map(generator).get(field))) {
                        String f = String.valueOf(file);
                        paths.add(f.contains("=") ? f.substring(f.indexOf('=') + 1) : f);
                    }
                }
                Object env = Repo.map(generator).get("env");
                if (env != null) {
                    paths.add(String.valueOf(env));
                }
            }
        }
        List<Path> resolved = new ArrayList<>();
        for (String p : paths) {
            if (p.contains("://") || p.startsWith("github.com/")) {
                problems.add(p + " is remote: the manifests must build from this repository alone");
                continue;
            }
            resolved.add(dir.resolve(p).normalize());
        }
        return resolved;
    }

    static Optional<Path> kustomizationIn(Path dir) {
        return Stream.of("kustomization.yaml", "kustomization.yml", "Kustomization").map(dir::resolve)
                .filter(Files::isRegularFile).findFirst();
    }

    // -- with kubectl or kustomize: the rendered overlays --

    @TestFactory
    Stream<DynamicTest> eachOverlayBuildsIntoKubernetesObjects() {
        return OVERLAYS.stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<Doc> docs = build(overlay);
            assertTrue(docs.stream().anyMatch(d -> d.object() instanceof Namespace), overlay + ": no Namespace");
            for (Doc doc : docs) {
                HasMetadata o = doc.object();
                if (!(o instanceof Namespace)) {
                    assertEquals(KubernetesManifestsTest.NAMESPACE, o.getMetadata().getNamespace(),
                            overlay + ": " + doc + " outside the namespace");
                }
            }
            for (String service : Repo.serviceModules().stream().map(m -> m.getFileName().toString()).toList()) {
                assertTrue(Manifests.deployment(docs, service).isPresent(), overlay + ": no Deployment " + service);
            }
            Manifests.checkImages(docs);
            Manifests.checkEnvironment(docs, ServiceSettings.all());
            KafkaTopicsTest.checkTopics(docs);
        }));
    }

    @Test
    void theCpuOverlayRunsTheJvmImagesWithoutGpus() throws Exception {
        List<Doc> docs = build("cpu");
        for (Map.Entry<String, PodTemplateSpec> workload : Manifests.podTemplates(docs).entrySet()) {
            for (Container c : Manifests.containers(workload.getValue())) {
                assertFalse(c.getImage().endsWith("-cuda"), workload.getKey() + ": " + c.getImage());
                assertFalse(gpus(c).isPresent(), workload.getKey() + " asks for a GPU");
            }
        }
    }

    @Test
    void theGpuOverlayPutsTrainerAndInferenceOnGpuNodes() throws Exception {
        List<Doc> docs = build("gpu");
        String version = Repo.imageVersion();
        for (String service : GPU_SERVICES) {
            Deployment d = Manifests.deployment(docs, service).orElseThrow();
            var pod = d.getSpec().getTemplate().getSpec();
            Container c = pod.getContainers().stream().filter(x -> service.equals(Manifests.semisupService(x.getImage())))
                    .findFirst().orElseThrow(() -> new AssertionError(service + ": no semisup image"));
            assertEquals("semisup/" + service + ":" + version + "-cuda", c.getImage(), service + " image");
            assertEquals(new Quantity("1"), gpus(c).orElseThrow(() -> new AssertionError(service + ": no GPU limit")),
                    service + ": " + GPU + " limit");
            assertNotNull(pod.getNodeSelector(), service + ": no nodeSelector");
            assertFalse(pod.getNodeSelector().isEmpty(), service + ": empty nodeSelector");
            List<Toleration> tolerations = pod.getTolerations();
            assertTrue(tolerations.stream().anyMatch(t -> GPU.equals(t.getKey())), service + ": no " + GPU
                    + " toleration: " + tolerations);
            // the base's settings survive the patch
            assertNotNull(c.getLivenessProbe(), service + ": the patch lost the probes");
            assertFalse(c.getEnvFrom().isEmpty(), service + ": the patch lost envFrom");
            assertNotNull(c.getResources().getLimits().get("memory"), service + ": the patch lost the memory limit");
        }
        for (Deployment d : Manifests.all(docs, Deployment.class)) {
            if (!GPU_SERVICES.contains(d.getMetadata().getName())) {
                d.getSpec().getTemplate().getSpec().getContainers().forEach(c -> assertFalse(gpus(c).isPresent(),
                        d.getMetadata().getName() + " asks for a GPU"));
            }
        }
    }

    private static Optional<Quantity> gpus(Container c) {
        if (c.getResources() == null || c.getResources().getLimits() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(c.getResources().getLimits().get(GPU));
    }

    /** {@code kubectl kustomize} (or {@code kustomize build}) of an overlay, parsed; skips without the tool. */
    static List<Doc> build(String overlay) throws IOException, InterruptedException {
        List<String> command = kustomizeCommand();
        Assumptions.assumeTrue(command != null, "neither kubectl nor kustomize is on the PATH: the rendered overlays "
                + "are not checked (the kustomizations' paths are)");
        Path dir = Repo.K8S.resolve("overlays").resolve(overlay);
        List<String> full = new ArrayList<>(command);
        full.add(dir.toString());
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Path err = Files.createTempFile("kustomize-" + overlay, ".err");
        try {
            Process process = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", full) + " did not finish in 120 s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), String.join(" ", full) + " failed: " + stderr);
            return Manifests.parse(String.join(" ", full), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static List<String> kustomizeCommand() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String tool : List.of("kubectl", "kustomize")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, tool);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return tool.equals("kubectl") ? List.of(candidate.toString(), "kustomize")
                            : List.of(candidate.toString(), "build");
                }
            }
        }
        return null;
    }
}
