package io.semisup.trainer.runner;

import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import io.semisup.training.run.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Mirrors the engine's checkpoint folder to {@code jobs/{jobId}/checkpoints/} after every epoch, so any trainer can
 * resume the job. Each epoch's files go up as a new generation ({@code g7-params.bin}, ...) and only then does the
 * {@code latest} pointer move to it: a trainer killed mid-upload leaves the previous generation intact.
 */
@ApplicationScoped
public class CheckpointStore {

    private static final String LATEST = "latest";

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    public void save(String jobId, Path runDir) {
        Path local = Checkpoint.folder(runDir);
        if (!Files.isDirectory(local)) {
            return;
        }
        String generation = "g" + (latest(jobId).map(g -> Integer.parseInt(g.substring(1))).orElse(0) + 1);
        try (Stream<Path> files = Files.list(local)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                store.put(StorageLayout.JOBS_BUCKET, key(jobId, generation + "-" + file.getFileName()),
                        Files.readAllBytes(file), "application/octet-stream");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint of job " + jobId, e);
        }
        store.put(StorageLayout.JOBS_BUCKET, key(jobId, LATEST), generation.getBytes(StandardCharsets.UTF_8), "text/plain");
        String keep = StorageLayout.checkpointsPrefix(jobId) + generation + "-";
        for (String key : store.list(StorageLayout.JOBS_BUCKET, StorageLayout.checkpointsPrefix(jobId))) {
            if (!key.startsWith(keep) && !key.equals(key(jobId, LATEST))) {
                store.delete(StorageLayout.JOBS_BUCKET, key);
            }
        }
    }

    /** Puts the job's latest checkpoint into a fresh run folder. @return whether there was one */
    public boolean restore(String jobId, Path runDir) {
        Optional<String> generation = latest(jobId);
        if (generation.isEmpty()) {
            return false;
        }
        String prefix = StorageLayout.checkpointsPrefix(jobId) + generation.get() + "-";
        List<String> keys = store.list(StorageLayout.JOBS_BUCKET, prefix);
        try {
            Path local = Files.createDirectories(Checkpoint.folder(runDir));
            for (String key : keys) {
                byte[] bytes = store.get(StorageLayout.JOBS_BUCKET, key)
                        .orElseThrow(() -> new IllegalStateException("checkpoint object " + key + " vanished"));
                Files.write(local.resolve(key.substring(prefix.length())), bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the checkpoint of job " + jobId, e);
        }
        return !keys.isEmpty();
    }

    private Optional<String> latest(String jobId) {
        return store.get(StorageLayout.JOBS_BUCKET, key(jobId, LATEST))
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).trim());
    }

    private static String key(String jobId, String name) {
        return StorageLayout.checkpoint(jobId, name);
    }
}
