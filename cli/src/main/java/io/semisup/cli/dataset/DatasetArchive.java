package io.semisup.cli.dataset;

import io.semisup.cli.ProgressBars;
import me.tongfei.progressbar.ProgressBar;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Packs a dataset folder into a zip the dataset-service imports in one request (entries keep the layout's paths). */
public final class DatasetArchive {

    private DatasetArchive() {
    }

    public static Path zip(DatasetFolder folder) {
        List<Path> files = folder.allFiles();
        try {
            Path zip = Files.createTempFile("semisup-dataset-", ".zip");
            zip.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(zip);
                 ZipOutputStream entries = new ZipOutputStream(out);
                 ProgressBar bar = ProgressBars.start("packing", files.size(), "images")) {
                // Images are compressed already: storing them is as small and much faster.
                entries.setLevel(0);
                for (Path file : files) {
                    entries.putNextEntry(new ZipEntry(folder.root().relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, entries);
                    entries.closeEntry();
                    bar.step();
                }
            }
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack " + folder.root(), e);
        }
    }
}
