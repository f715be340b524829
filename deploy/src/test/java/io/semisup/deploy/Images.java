package io.semisup.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The platform's images: {@code semisup/<service>:<version>} from Dockerfile.jvm, {@code <version>-cuda} from Dockerfile.jvm-cuda. */
final class Images {

    static final String DOCKERFILE_JVM = "src/main/docker/Dockerfile.jvm";
    static final String DOCKERFILE_CUDA = "src/main/docker/Dockerfile.jvm-cuda";

    private Images() {
    }

    /** The Dockerfile an image is built from, failing when the image is not one of the platform's. */
    static Path dockerfile(String where, String image) {
        String service = Manifests.semisupService(image);
        Path module = Repo.ROOT.resolve(service);
        assertTrue(Repo.serviceModules().contains(module),
                where + ": " + image + " is of no service module (" + Repo.serviceModules() + ")");
        int colon = image.indexOf(':');
        if (colon < 0) {
            fail(where + ": " + image + " has no tag");
        }
        String tag = image.substring(colon + 1);
        String version = Repo.imageVersion();
        Path dockerfile;
        if (tag.equals(version)) {
            dockerfile = module.resolve(DOCKERFILE_JVM);
        } else {
            assertEquals(version + "-cuda", tag, where + ": " + image + " should be tagged " + version + " or "
                    + version + "-cuda (the project version)");
            dockerfile = module.resolve(DOCKERFILE_CUDA);
        }
        assertTrue(Files.isRegularFile(dockerfile), where + ": " + image + " needs " + Repo.relative(dockerfile));
        return dockerfile;
    }

    static void checkSemisupImage(String where, String image) {
        dockerfile(where, image);
    }
}
