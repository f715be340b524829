package io.semisup.dataset;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.semisup.testing.LocalStackResource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Imports ../shared/datasets/cifar10-ssl (21,200 JPEGs) as one tar.gz against the local S3 server and prints the
 * server's images/s. Not part of the normal test run:
 * {@code ./mvnw install -DskipTests && ./mvnw -pl dataset-service verify -Dsemisup.benchmark=true
 * -Dtest=ArchiveImportBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@EnabledIfSystemProperty(named = "semisup.benchmark", matches = "true")
class ArchiveImportBenchmark {

    private static final Path DATA = Path.of("../../shared/datasets/cifar10-ssl").toAbsolutePath().normalize();

    @Test
    void importCifar10Ssl() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "no dataset at " + DATA);
        Path archive = Files.createDirectories(Path.of("target")).resolve("cifar10-ssl.tar.gz");
        int files = tarGz(DATA, archive);

        String dataset = given().contentType("application/json").body("{\"name\": \"cifar10-ssl\"}")
                .when().post("/datasets").then().statusCode(201).extract().path("id");
        long start = System.nanoTime();
        var report = given().contentType("application/gzip").body(archive.toFile())
                .when().post("/datasets/" + dataset + "/archive").then().statusCode(200).extract().jsonPath();
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%nBENCHMARK archive import of %s: %d files, %.1f MB archive%n", DATA, files,
                Files.size(archive) / 1e6);
        System.out.printf("  accepted %d (labeled %s, validation %s, unlabeled %s), duplicates %d, refused %d%n",
                report.getInt("accepted"), report.get("acceptedBySplit.labeled"),
                report.get("acceptedBySplit.validation"), report.get("acceptedBySplit.unlabeled"),
                report.getInt("duplicates"), report.getList("refused").size());
        System.out.printf("  server: %.1f s, %.0f images/s; client round trip: %.1f s, %.0f images/s%n",
                report.getDouble("seconds"), report.getDouble("imagesPerSecond"), seconds,
                report.getInt("accepted") / seconds);
    }

    private static int tarGz(Path root, Path target) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path file : files) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), root.relativize(file).toString());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return files.size();
    }
}
