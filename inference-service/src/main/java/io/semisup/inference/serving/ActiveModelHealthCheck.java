package io.semisup.inference.serving;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until a model serves: a load balancer should not send images to an instance that can only say 503. */
@Readiness
@ApplicationScoped
public class ActiveModelHealthCheck implements HealthCheck {

    private final ActiveModel active;

    public ActiveModelHealthCheck(ActiveModel active) {
        this.active = active;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named("active-model");
        return active.metadata()
                .map(m -> builder.up().withData("model", m.modelId()).withData("provider", active.provider().orElse("?")))
                .orElseGet(() -> builder.down().withData("reason", "no model is active yet"))
                .build();
    }
}
