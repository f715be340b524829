package io.semisup.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.semisup.deploy.Manifests.Doc;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every environment variable a deployment gives a service sets something that service reads: the settings are found
 * at test time in the services' application.properties and sources ({@link ServiceSettings}), so a misspelt or
 * stale variable fails here instead of being ignored by the service.
 */
class ConfigurationTest {

    @Test
    void theSettingsOfEachServiceAreFound() {
        Map<String, ServiceSettings> all = ServiceSettings.all();
        assertTrue(all.keySet().containsAll(ImagesTest.serviceNames()), all.keySet().toString());
        List<String> dataServices = Repo.dataServiceModules().stream().map(m -> m.getFileName().toString()).toList();
        for (ServiceSettings s : all.values()) {
            // what every service reads: its port and the key file; the data services also Kafka, and the object
            // store through the platform's StorageConfig
            List<String> variables = dataServices.contains(s.service)
                    ? List.of("KAFKA_BOOTSTRAP_SERVERS", "MINIO_ENDPOINT", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY",
                    "SEMISUP_STORAGE_ENDPOINT", "QUARKUS_HTTP_PORT", "SEMISUP_SECURITY_API_KEYS_FILE")
                    : List.of("QUARKUS_HTTP_PORT", "SEMISUP_SECURITY_API_KEYS_FILE");
            for (String variable : variables) {
                assertTrue(s.reads(variable), s.service + " should read " + variable + ": " + s);
            }
            assertTrue(!s.reads("SEMISUP_NO_SUCH_SETTING") && !s.reads("KAFKA_BOOTSTRAP_SERVER"), s.toString());
        }
        assertTrue(all.get("dataset-service").reads("SEMISUP_DATASET_MAX_IMAGE_BYTES"));
        assertTrue(all.get("inference-service").reads("SEMISUP_INFERENCE_DEFAULT_TOP_K"));
        assertTrue(!all.get("dataset-service").reads("SEMISUP_INFERENCE_DEFAULT_TOP_K"),
                "a setting of one service is not another's");
    }

    @Test
    void everyVariableOfTheKubernetesManifestsIsReadByItsService() {
        List<Doc> docs = new ArrayList<>();
        for (Path file : Repo.yamlFiles(Repo.K8S.resolve("base"))) {
            if (!Repo.isKustomization(file)) {
                docs.addAll(Manifests.parseFile(file));
            }
        }
        int checked = Manifests.checkEnvironment(docs, ServiceSettings.all());
        assertTrue(checked > 10, "only " + checked + " variables found");
    }

    @Test
    void everyVariableOfTheComposeFilesIsReadByItsService() {
        Map<String, ServiceSettings> settings = ServiceSettings.all();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path file : ComposeTest.FILES) {
            Map<String, Object> services = Repo.map(Repo.yamlDocument(file).get("services"));
            for (Map.Entry<String, Object> entry : services.entrySet()) {
                String service = composeService(file, entry.getKey());
                if (service == null) {
                    continue;
                }
                ServiceSettings reads = settings.get(service);
                for (String variable : ComposeTest.environment(Repo.map(entry.getValue())).keySet()) {
                    checked++;
                    if (!reads.reads(variable)) {
                        problems.add(Repo.relative(file) + " " + entry.getKey() + ": " + variable
                                + " names no setting that " + service + " reads");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\n\nWhat the services read:\n"
                    + String.join("\n", settings.values().stream().map(ServiceSettings::toString).toList()));
        }
        assertTrue(checked > 10, "only " + checked + " variables found");
    }

    /** The platform service a compose service runs (its image, or in an override the base file's image). */
    private static String composeService(Path file, String name) {
        for (Path f : List.of(file, ComposeTest.BASE)) {
            Object image = Repo.at(Repo.yamlDocument(f), "services", name, "image");
            if (image != null) {
                return Manifests.semisupService(image.toString());
            }
        }
        return null;
    }
}
