package dev.shutter.explore.model;

import dev.shutter.explore.candidate.RetrievalGeneration;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Which models serve, in the readiness report. Always up: without models Explore answers
 * trending, so a missing release must not take the service out of rotation.
 */
@Readiness
@ApplicationScoped
public class ModelsHealth implements HealthCheck {

    private final ActiveModels models;

    ModelsHealth(ActiveModels models) {
        this.models = models;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("explore-models").up()
                .withData("towers", models.retrieval().map(RetrievalGeneration::version).orElse("none (trending only)"))
                .withData("indexedPosts", models.retrieval().map(RetrievalGeneration::size).orElse(0))
                .withData("ranker", models.ranker().map(LoadedModel::version).orElse("none (trending only)"))
                .build();
    }
}
