package io.semisup.inference.classify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load generator meant to run in its own process: {@code c} clients send the same image to {@code POST /classify}
 * back to back for {@code seconds}, then one line: "requests=.. errors=.. rps=.. p50_ms=.. p99_ms=..".
 * Usage: LoadClient url imageFile concurrency seconds apiKey
 */
public final class LoadClient {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        byte[] image = Files.readAllBytes(Path.of(args[1]));
        int concurrency = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "image/png")
                .header("X-API-Key", args[4])
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        long warmUntil = System.nanoTime() + 2_000_000_000L;
        long end = warmUntil + seconds * 1_000_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (start > warmUntil) {
                            if (response.statusCode() == 200) {
                                latencies.add(System.nanoTime() - start);
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            t.start();
            clients.add(t);
        }
        for (Thread t : clients) {
            t.join();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
        double p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1e6;
        System.out.printf("requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f%n", sorted.size(), errors.get(),
                sorted.size() / (double) seconds, p50, p99);
    }
}
