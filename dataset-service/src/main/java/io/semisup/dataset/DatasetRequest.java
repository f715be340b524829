package io.semisup.dataset;

import java.util.List;

/** The body of {@code POST /datasets}. */
public record DatasetRequest(String name, List<String> classes) {
}
