package io.semisup.contracts;

import io.semisup.contracts.messaging.InvalidMessageException;
import io.semisup.contracts.storage.StorageLayout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StorageLayoutTest {

    @Test
    void keysFollowTheDocumentedScheme() {
        assertEquals("cifar/versions/v3/manifest.json", StorageLayout.versionManifest("cifar", "v3"));
        assertEquals("job-7/checkpoints/epoch-2.zip", StorageLayout.checkpoint("job-7", "epoch-2.zip"));
        assertEquals("m1/model.onnx", StorageLayout.model("m1"));
    }

    @Test
    void idsCannotEscapeTheirPrefix() {
        assertThrows(InvalidMessageException.class, () -> StorageLayout.datasetRecord("../other"));
        assertThrows(InvalidMessageException.class, () -> StorageLayout.image("d", "a/b"));
        assertThrows(InvalidMessageException.class, () -> StorageLayout.jobRecord(""));
    }
}
