package io.semisup.dataset;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what the dataset-service accepts. */
@ConfigMapping(prefix = "semisup.dataset")
public interface DatasetConfig {

    /** Largest image file accepted, in bytes (larger: 413). */
    @WithDefault("10485760")
    long maxImageBytes();

    /** Largest image accepted, in pixels, read from the header before decoding (a decompression bomb: 413). */
    @WithDefault("40000000")
    long maxImagePixels();

    /** Most entries one archive may have. */
    @WithDefault("100000")
    int maxArchiveEntries();

    /** Most bytes one archive may expand to. */
    @WithDefault("4294967296")
    long maxArchiveBytes();

    /** Images validated and stored in parallel during an archive import. */
    @WithDefault("8")
    int importThreads();
}
