package io.semisup.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;

/**
 * Where the object store is. The defaults match the local stack of the embedded default; point
 * {@code MINIO_ENDPOINT}, {@code MINIO_ACCESS_KEY} and {@code MINIO_SECRET_KEY} at a real MinIO to use it instead.
 */
@ConfigMapping(prefix = "semisup.storage")
public interface StorageConfig {

    /** URL of the S3 API, e.g. {@code http://minio:9000}. */
    @WithDefault("${MINIO_ENDPOINT:http://127.0.0.1:9000}")
    String endpoint();

    @WithDefault("${MINIO_ACCESS_KEY:semisup}")
    String accessKey();

    @WithDefault("${MINIO_SECRET_KEY:semisup-secret}")
    String secretKey();

    /** Create this service's buckets at startup when they are missing. */
    @WithDefault("true")
    boolean createBuckets();

    /**
     * The buckets this service uses (of {@code StorageLayout.BUCKETS}): created when missing, checked by readiness.
     * On Kubernetes the service's own MinIO user may reach only these (k8s/base/minio-setup.yaml, checked against
     * this setting by the manifest tests).
     */
    @WithDefault("datasets,jobs,models")
    List<String> buckets();
}
