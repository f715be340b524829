package io.semisup.dataset.image;

import java.util.List;

/** One page of a dataset's images, in upload order. */
public record ImagePage(List<ImageEntry> items, long total, int page, int size) {
}
