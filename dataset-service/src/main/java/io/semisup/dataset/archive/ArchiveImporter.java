package io.semisup.dataset.archive;

import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.dataset.Split;
import io.semisup.dataset.DatasetChanges;
import io.semisup.dataset.DatasetConfig;
import io.semisup.dataset.DatasetState;
import io.semisup.dataset.image.FileResult;
import io.semisup.dataset.image.ImageIntake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.jboss.logging.Logger;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Imports a zip or tar.gz archive in the dataset layout as it streams in: one thread reads entries, a pool decodes,
 * hashes and stores them, a bounded number at a time so memory stays flat whatever the archive's size. A bad entry is
 * refused on its own; a hostile or oversized archive is refused whole and whatever it had stored is removed again.
 */
@ApplicationScoped
public class ArchiveImporter {

    private static final Logger LOG = Logger.getLogger(ArchiveImporter.class);

    private final ImageIntake intake;
    private final DatasetChanges changes;
    private final DatasetConfig config;

    public ArchiveImporter(ImageIntake intake, DatasetChanges changes, DatasetConfig config) {
        this.intake = intake;
        this.changes = changes;
        this.config = config;
    }

    public ImportReport importArchive(DatasetState dataset, InputStream body) {
        long start = System.nanoTime();
        Run run = new Run(dataset);
        ExecutorService pool = Executors.newFixedThreadPool(config.importThreads());
        Semaphore inFlight = new Semaphore(config.importThreads() * 4);
        try (ArchiveInputStream<?> archive = open(body)) {
            readEntries(archive, run, pool, inFlight);
        } catch (IOException e) {
            run.refusal = new ArchiveRefusedException("unreadable archive: " + e.getMessage(), 400);
        } catch (ArchiveRefusedException e) {
            run.refusal = e;
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
        }
        if (run.refusal != null) {
            run.accepted.forEach(id -> intake.rollback(dataset, id));
            throw run.refusal;
        }
        if (!run.accepted.isEmpty()) {
            changes.saved(dataset, DatasetEventType.IMAGES_ADDED);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        ImportReport report = new ImportReport(run.entries, run.accepted.size(), run.duplicates, run.bySplit,
                run.refused, seconds, run.accepted.size() / seconds);
        LOG.infof("dataset %s: archive of %d entries imported in %.1f s (%d new, %d duplicates, %d refused, "
                + "%.0f images/s)", dataset.id(), report.entries(), seconds, report.accepted(), report.duplicates(),
                report.refused().size(), report.imagesPerSecond());
        return report;
    }

    private void readEntries(ArchiveInputStream<?> archive, Run run, ExecutorService pool, Semaphore inFlight)
            throws IOException {
        long expanded = 0;
        ArchiveEntry entry;
        while ((entry = archive.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            if (++run.entries > config.maxArchiveEntries()) {
                throw new ArchiveRefusedException("the archive has more than " + config.maxArchiveEntries()
                        + " entries", 413);
            }
            String name = entry.getName();
            ArchiveLayout.checkSafe(name);
            if (isLink(entry)) {
                throw new ArchiveRefusedException("archive entry '" + name + "' is a link: the archive is refused",
                        400);
            }
            byte[] bytes = archive.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxImageBytes() + 1));
            long size = bytes.length + (bytes.length > config.maxImageBytes() ? archive.transferTo(
                    java.io.OutputStream.nullOutputStream()) : 0);
            expanded += size;
            if (expanded > config.maxArchiveBytes()) {
                throw new ArchiveRefusedException("the archive expands to more than " + config.maxArchiveBytes()
                        + " bytes", 413);
            }
            Optional<ArchiveLayout.Placement> placement = ArchiveLayout.place(name);
            if (placement.isEmpty()) {
                run.refuse(name, 400, "not in the dataset layout (labeled/<class>/<file>, unlabeled/<file>, "
                        + "validation/<class>/<file>, test/<class>/<file>)");
                continue;
            }
            if (size > config.maxImageBytes()) {
                run.refuse(name, 413, "image is " + size + " bytes, the limit is " + config.maxImageBytes());
                continue;
            }
            submit(run, pool, inFlight, name, placement.get(), bytes);
        }
    }

    private void submit(Run run, ExecutorService pool, Semaphore inFlight, String name,
            ArchiveLayout.Placement placement, byte[] bytes) {
        inFlight.acquireUninterruptibly();
        pool.execute(() -> {
            try {
                ImageIntake.Outcome outcome = intake.ingest(run.dataset, placement.split(), placement.className(),
                        placement.fileName(), bytes);
                run.record(outcome);
            } catch (ClientErrorException e) {
                run.refuse(name, e.getResponse().getStatus(), e.getMessage());
            } catch (RuntimeException e) {
                run.fail(name, e);
            } finally {
                inFlight.release();
            }
        });
    }

    private static ArchiveInputStream<?> open(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
            return new ZipArchiveInputStream(in);
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new TarArchiveInputStream(new GzipCompressorInputStream(in));
        }
        throw new ArchiveRefusedException("not a zip or tar.gz archive", 415);
    }

    private static boolean isLink(ArchiveEntry entry) {
        return entry instanceof ZipArchiveEntry zip && zip.isUnixSymlink()
                || entry instanceof TarArchiveEntry tar && (tar.isSymbolicLink() || tar.isLink());
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The state of one import, shared by the reader and the workers. */
    private static final class Run {
        final DatasetState dataset;
        final List<String> accepted = new ArrayList<>();
        final List<FileResult> refused = new ArrayList<>();
        final Map<Split, Long> bySplit = new EnumMap<>(Split.class);
        int entries;
        int duplicates;
        volatile ArchiveRefusedException refusal;

        Run(DatasetState dataset) {
            this.dataset = dataset;
        }

        synchronized void record(ImageIntake.Outcome outcome) {
            if (outcome.duplicate()) {
                duplicates++;
            } else {
                accepted.add(outcome.image().id());
                bySplit.merge(outcome.image().split(), 1L, Long::sum);
            }
        }

        synchronized void refuse(String name, int status, String reason) {
            refused.add(FileResult.refused(name, status, reason));
        }

        /** Storage failed under us: the import cannot be trusted, so it is undone. */
        synchronized void fail(String name, RuntimeException e) {
            LOG.errorf(e, "storing archive entry %s failed", name);
            refusal = new ArchiveRefusedException("storing '" + name + "' failed: " + e.getMessage()
                    + "; nothing of the archive was kept", 503);
        }
    }
}
