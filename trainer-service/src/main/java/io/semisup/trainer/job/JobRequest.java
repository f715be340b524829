package io.semisup.trainer.job;

import io.semisup.contracts.job.Hyperparameters;
import io.semisup.contracts.job.Method;

/** The body of {@code POST /jobs}; the job id and submission time are the server's. */
public record JobRequest(String datasetId, String datasetVersion, Method method, Hyperparameters hyperparameters) {
}
