package io.semisup.trainer.dataset;

import io.semisup.contracts.dataset.VersionManifest;
import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.messaging.MessageCodec;
import io.semisup.contracts.storage.StorageLayout;
import io.semisup.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Datasets and their versions as a job sees them: read from object storage, new versions from the dataset-service. */
@ApplicationScoped
public class DatasetVersions {

    private final ObjectStore store;
    private final DatasetServiceClient datasetService;

    public DatasetVersions(ObjectStore store, @RestClient DatasetServiceClient datasetService) {
        this.store = store;
        this.datasetService = datasetService;
    }

    public boolean exists(String datasetId) {
        return store.size(StorageLayout.DATASETS_BUCKET, StorageLayout.datasetRecord(datasetId)).isPresent();
    }

    public Optional<VersionManifest> manifest(String datasetId, String version) {
        return store.get(StorageLayout.DATASETS_BUCKET, StorageLayout.versionManifest(datasetId, version))
                .map(DatasetVersions::read);
    }

    /** The named version, or a fresh one the dataset-service freezes now. */
    public VersionManifest resolve(String datasetId, String version) {
        if (version != null) {
            return manifest(datasetId, version).orElseThrow(() -> new InvalidMessageException(
                    "dataset " + datasetId + " has no version " + version));
        }
        try {
            return datasetService.createVersion(datasetId);
        } catch (WebApplicationException e) {
            throw new InvalidMessageException("the dataset-service could not create a version of dataset " + datasetId
                    + ": HTTP " + e.getResponse().getStatus());
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("the dataset-service cannot be reached to create a version of dataset "
                    + datasetId + " (" + cause.getMessage() + ")", e);
        }
    }

    private static VersionManifest read(byte[] json) {
        try {
            return MessageCodec.mapper().readValue(json, VersionManifest.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable version manifest", e);
        }
    }
}
