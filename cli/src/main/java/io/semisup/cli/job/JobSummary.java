package io.semisup.cli.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.semisup.cli.api.Platform;

import java.io.PrintStream;

/** How a finished job reads in a terminal: its outcome, metrics, and where to look at its curves and model. */
public final class JobSummary {

    private JobSummary() {
    }

    /** @return whether the job succeeded */
    public static boolean print(JsonNode job, Platform platform, PrintStream out) {
        String state = job.path("state").asText();
        out.printf("job %s %s: %s%n", job.path("jobId").asText(), state, job.path("message").asText());
        if (!"SUCCEEDED".equals(state)) {
            return false;
        }
        out.printf("  trained %s on dataset %s %s, %d epochs, on %s%n", job.path("job").path("method").asText(),
                job.path("job").path("datasetId").asText(), job.path("datasetVersion").asText(),
                job.path("epochs").size(), job.path("backend").asText());
        job.path("metrics").fields().forEachRemaining(m -> out.printf("  %s: %.4f%n", m.getKey(), m.getValue().asDouble()));
        out.println("  artifacts:");
        job.path("artifacts").fields().forEachRemaining(a ->
                out.printf("    %-22s %s%n", a.getKey(), platform.trainer().uri(a.getValue().asText())));
        return true;
    }
}
