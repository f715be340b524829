package io.semisup.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The Kafka broker and the S3 server the services need, started together and stopped together. */
public final class LocalStack implements AutoCloseable {

    public static final String DEFAULT_ACCESS_KEY = "semisup";
    public static final String DEFAULT_SECRET_KEY = "semisup-secret";

    private final LocalKafka kafka;
    private final LocalS3 s3;

    private LocalStack(LocalKafka kafka, LocalS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    /** Ports of 0 are replaced by free ones. */
    public static LocalStack start(Path dataDir, int kafkaPort, int s3Port) throws Exception {
        LocalS3 s3 = LocalS3.start(dataDir, orFree(s3Port), DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
        try {
            return new LocalStack(LocalKafka.start(dataDir, orFree(kafkaPort), freePort()), s3);
        } catch (Exception e) {
            s3.close();
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public String accessKey() {
        return DEFAULT_ACCESS_KEY;
    }

    public String secretKey() {
        return DEFAULT_SECRET_KEY;
    }

    @Override
    public void close() throws Exception {
        try {
            kafka.close();
        } finally {
            s3.close();
        }
    }

    private static int orFree(int port) {
        return port == 0 ? freePort() : port;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
