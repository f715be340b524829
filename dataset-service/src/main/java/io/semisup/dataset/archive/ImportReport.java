package io.semisup.dataset.archive;

import io.semisup.contracts.dataset.Split;
import io.semisup.dataset.image.FileResult;

import java.util.List;
import java.util.Map;

/**
 * What an archive import did.
 *
 * @param acceptedBySplit new images per split
 * @param refused         every refused entry with its reason
 */
public record ImportReport(int entries, int accepted, int duplicates, Map<Split, Long> acceptedBySplit,
        List<FileResult> refused, double seconds, double imagesPerSecond) {
}
