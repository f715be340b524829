package io.semisup.localstack;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An S3-compatible server (s3proxy) on the filesystem, in this JVM, on 127.0.0.1: what the services reach through
 * the MinIO client when no real MinIO is configured. Buckets are folders under {@code dataDir/s3}.
 */
public final class LocalS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final String endpoint;

    private LocalS3(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static LocalS3 start(Path dataDir, int port, String accessKey, String secretKey) throws Exception {
        // s3proxy lists nothing when its base directory is relative: always hand it an absolute path.
        Path baseDir = Files.createDirectories(dataDir.toAbsolutePath().resolve("s3"));
        String endpoint = "http://127.0.0.1:" + port;
        S3Proxy proxy = S3Proxy.builder()
                .endpoint(URI.create(endpoint))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .blobStore(new FilesystemNio2BlobStore(baseDir.toString()))
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new LocalS3(proxy, endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
