package io.semisup.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.semisup.contracts.storage.StorageLayout;

/**
 * The services' door to object storage (MinIO, or any S3 API). Keys come from {@link StorageLayout}; this class only
 * moves bytes and turns the client's checked errors into {@link ObjectStorageException}s that name the object.
 */
@Startup
@ApplicationScoped
public class ObjectStore {

    private static final Logger LOG = Logger.getLogger(ObjectStore.class);
    private static final String NO_SUCH_KEY = "NoSuchKey";

    private final MinioClient client;
    private final StorageConfig config;

    public ObjectStore(StorageConfig config) {
        if (!StorageLayout.BUCKETS.containsAll(config.buckets())) {
            throw new IllegalArgumentException("semisup.storage.buckets " + config.buckets()
                    + " names a bucket the platform does not have: " + StorageLayout.BUCKETS);
        }
        this.config = config;
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .build();
    }

    @PostConstruct
    void createBuckets() {
        if (!config.createBuckets()) {
            return;
        }
        for (String bucket : config.buckets()) {
            try {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                    LOG.infof("created bucket %s at %s", bucket, config.endpoint());
                }
            } catch (Exception e) {
                // Not fatal: readiness reports the store as DOWN until it is reachable.
                LOG.warnf("cannot prepare bucket %s at %s: %s", bucket, config.endpoint(), e.getMessage());
            }
        }
    }

    public void put(String bucket, String key, byte[] bytes, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .data(bytes, bytes.length)
                    .contentType(contentType)
                    .build());
        } catch (Exception e) {
            throw failure("put", bucket, key, e);
        }
    }

    /** @return the object's bytes, or empty when there is no such object */
    public Optional<byte[]> get(String bucket, String key) {
        try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(in.readAllBytes());
        } catch (ErrorResponseException e) {
            if (NO_SUCH_KEY.equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw failure("get", bucket, key, e);
        } catch (Exception e) {
            throw failure("get", bucket, key, e);
        }
    }

    /** @return the object's size in bytes, or empty when there is no such object */
    public Optional<Long> size(String bucket, String key) {
        try {
            StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return Optional.of(stat.size());
        } catch (ErrorResponseException e) {
            if (NO_SUCH_KEY.equals(e.errorResponse().code())) {
                return Optional.empty();
            }
            throw failure("stat", bucket, key, e);
        } catch (Exception e) {
            throw failure("stat", bucket, key, e);
        }
    }

    /** Keys under a prefix, recursively, in key order. */
    public List<String> list(String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(item.get().objectName());
            }
        } catch (Exception e) {
            throw failure("list", bucket, prefix, e);
        }
        return keys;
    }

    public void delete(String bucket, String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("delete", bucket, key, e);
        }
    }

    /** True when every platform bucket answers. */
    public boolean bucketsReachable() {
        try {
            for (String bucket : config.buckets()) {
                if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public String endpoint() {
        return config.endpoint();
    }

    private static ObjectStorageException failure(String operation, String bucket, String key, Exception e) {
        return new ObjectStorageException(operation + " " + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }
}
