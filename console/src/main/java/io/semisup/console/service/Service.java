package io.semisup.console.service;

/** The services behind the console. */
public enum Service {
    DATASET("dataset-service"),
    TRAINER("trainer-service"),
    INFERENCE("inference-service");

    private final String title;

    Service(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
