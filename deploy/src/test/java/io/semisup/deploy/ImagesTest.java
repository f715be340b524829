package io.semisup.deploy;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images: each service module has its Dockerfile.jvm in Quarkus' layout, the GPU services a Dockerfile.jvm-cuda; every
 * {@code semisup/...} image named in k8s/ or in the compose files is {@code semisup/<service>} of a service module
 * with the Dockerfile that builds it.
 */
class ImagesTest {

    @TestFactory
    Stream<DynamicTest> eachServiceHasAJvmDockerfileInQuarkusLayout() {
        return Repo.serviceModules().stream().map(module -> DynamicTest.dynamicTest(module.getFileName().toString(), () -> {
            Path dockerfile = module.resolve(Images.DOCKERFILE_JVM);
            assertTrue(Files.isRegularFile(dockerfile), "no " + Repo.relative(dockerfile));
            checkDockerfile(dockerfile, KubernetesManifestsTest.httpPort(module));
        }));
    }

    @Test
    void theGpuServicesHaveACudaDockerfile() {
        for (String service : KustomizeTest.GPU_SERVICES) {
            Path module = Repo.ROOT.resolve(service);
            Path dockerfile = module.resolve(Images.DOCKERFILE_CUDA);
            assertTrue(Files.isRegularFile(dockerfile), "no " + Repo.relative(dockerfile));
            String text = checkDockerfile(dockerfile, KubernetesManifestsTest.httpPort(module));
            assertTrue(text.contains("nvidia/cuda:") && text.contains("cudnn"), dockerfile + ": an NVIDIA CUDA + cuDNN base");
            assertTrue(text.contains("-Pcuda"), dockerfile + ": says to build with -Pcuda");
        }
    }

    /** The fast-jar's four layers copied as Quarkus' generated Dockerfile.jvm does, the service's port exposed. */
    private static String checkDockerfile(Path dockerfile, int port) {
        String text = Repo.read(dockerfile);
        for (String layer : List.of("target/quarkus-app/lib/ /deployments/lib/", "target/quarkus-app/*.jar /deployments/",
                "target/quarkus-app/app/ /deployments/app/", "target/quarkus-app/quarkus/ /deployments/quarkus/")) {
            assertTrue(text.contains(layer), dockerfile + ": no COPY of " + layer);
        }
        assertTrue(text.contains("quarkus-run.jar"), dockerfile + ": does not run quarkus-run.jar");
        assertTrue(text.contains("EXPOSE " + port), dockerfile + ": EXPOSE " + port);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("USER ") && !l.trim().equals("USER root")),
                dockerfile + ": runs as root");
        return text;
    }

    @Test
    void imagesInTheKubernetesManifestsAreThePlatformsOwn() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : Repo.yamlFiles(Repo.K8S)) {
            if (!Repo.isKustomization(file)) {
                docs.addAll(Manifests.parseFile(file));
            }
        }
        Map<String, String> images = Manifests.checkImages(docs);
        Set<String> services = new TreeSet<>();
        images.values().forEach(i -> services.add(Manifests.semisupService(i)));
        assertEquals(serviceNames(), services, "every service has its image in k8s/");
        // kustomize's images: transformer may rename images too
        for (Path k : Repo.yamlFiles(Repo.K8S).stream().filter(Repo::isKustomization).toList()) {
            for (Object entry : Repo.list(Repo.yamlDocument(k).get("images"))) {
                Map<String, Object> image = Repo.map(entry);
                String name = String.valueOf(image.getOrDefault("newName", image.get("name")));
                if (name.startsWith("semisup/")) {
                    Images.checkSemisupImage(Repo.relative(k), name + ":" + image.getOrDefault("newTag",
                            Repo.imageVersion()));
                }
            }
        }
    }

    @Test
    void imagesInTheComposeFilesAreThePlatformsOwnAndBuiltFromTheirDockerfiles() {
        Set<String> services = new TreeSet<>();
        for (Path file : ComposeTest.FILES) {
            for (Map.Entry<String, Object> service : Repo.map(Repo.yamlDocument(file).get("services")).entrySet()) {
                Map<String, Object> definition = Repo.map(service.getValue());
                String where = Repo.relative(file) + " " + service.getKey();
                String image = (String) definition.get("image");
                assertTrue(image != null, where + ": no image");
                if (Manifests.semisupService(image) == null) {
                    assertFalse(image.endsWith(":latest") || !image.contains(":"), where + ": " + image + " needs a fixed tag");
                    continue;
                }
                services.add(Manifests.semisupService(image));
                Path dockerfile = Images.dockerfile(where, image);
                Map<String, Object> build = Repo.map(definition.get("build"));
                assertFalse(build.isEmpty(), where + ": no build section for " + image);
                Path context = file.getParent().resolve(String.valueOf(build.get("context"))).normalize();
                Path declared = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"))).normalize();
                assertEquals(dockerfile.normalize(), declared, where + ": " + image + " is built from " + declared);
            }
        }
        assertEquals(serviceNames(), services, "every service has its image in the compose files");
    }

    static Set<String> serviceNames() {
        Set<String> names = new TreeSet<>();
        Repo.serviceModules().forEach(m -> names.add(m.getFileName().toString()));
        return names;
    }
}
