package io.semisup.dataset.image;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Give an unlabelled image its class: it moves to the labelled split. */
public record LabelRequest(String imageId, @JsonProperty("class") String className) {
}
