package io.semisup.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the local stack until the process is stopped (SIGTERM/SIGINT), for the embedded default.
 * Usage: {@code java -jar local-stack.jar <data-dir> <kafka-port> <s3-port>}. Prints one {@code READY} line when
 * both servers accept connections.
 */
public final class LocalStackMain {

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java -jar local-stack.jar <data-dir> <kafka-port> <s3-port>");
            System.exit(2);
        }
        LocalStack stack = LocalStack.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stack.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "local-stack-shutdown"));
        System.out.println("READY kafka=" + stack.kafkaBootstrapServers() + " s3=" + stack.s3Endpoint());
        stopped.await();
    }
}
