package io.semisup.trainer.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Job records and cancellation requests in the {@code jobs} bucket. */
@ApplicationScoped
public class JobRepository {

    private final ObjectStore store;

    public JobRepository(ObjectStore store) {
        this.store = store;
    }

    public JobRecord save(JobRecord record) {
        try {
            store.put(StorageLayout.JOBS_BUCKET, StorageLayout.jobRecord(record.jobId()),
                    MessageCodec.mapper().writeValueAsBytes(record), "application/json");
            return record;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<JobRecord> find(String jobId) {
        return store.get(StorageLayout.JOBS_BUCKET, StorageLayout.jobRecord(jobId)).map(JobRepository::read);
    }

    /** Every job, newest first. */
    public List<JobRecord> all() {
        return store.list(StorageLayout.JOBS_BUCKET, "").stream()
                .filter(key -> key.endsWith("/job.json") && key.indexOf('/') == key.lastIndexOf('/'))
                .map(key -> store.get(StorageLayout.JOBS_BUCKET, key))
                .flatMap(Optional::stream)
                .map(JobRepository::read)
                .sorted(Comparator.comparing(JobRecord::createdAt).reversed())
                .toList();
    }

    /** Leaves a marker any instance sees: the one running the job stops it at its next heartbeat. */
    public void requestCancel(String jobId) {
        store.put(StorageLayout.JOBS_BUCKET, StorageLayout.cancelMarker(jobId), new byte[0], "text/plain");
    }

    public boolean cancelRequested(String jobId) {
        return store.size(StorageLayout.JOBS_BUCKET, StorageLayout.cancelMarker(jobId)).isPresent();
    }

    private static JobRecord read(byte[] json) {
        try {
            return MessageCodec.mapper().readValue(json, JobRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable job record", e);
        }
    }
}
