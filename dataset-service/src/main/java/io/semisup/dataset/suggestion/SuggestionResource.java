package io.semisup.dataset.suggestion;

import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.security.Roles;
import io.semisup.contracts.suggestion.Strategy;
import io.semisup.contracts.suggestion.Suggestions;
import io.semisup.dataset.DatasetState;
import io.semisup.dataset.DatasetStore;
import io.semisup.dataset.image.ImageEntry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

@Path("/datasets/{datasetId}/suggestions")
@Blocking
public class SuggestionResource {

    /** The deepest page: the rankings themselves go no deeper. */
    static final int MAX_LIMIT = 1000;

    private final DatasetStore datasets;
    private final SuggestionStore suggestions;

    public SuggestionResource(DatasetStore datasets, SuggestionStore suggestions) {
        this.datasets = datasets;
        this.suggestions = suggestions;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The next unlabelled images to label, ranked by the newest model of the dataset",
            description = "Every model trained on a dataset with unlabelled images ranks them by each strategy: "
                    + "random; least-confidence, margin and entropy (the classifier's uncertainty); typiclust (the "
                    + "most typical image of each cluster of the model's representations without a label, for few "
                    + "labels); margin-cluster (the most uncertain images, spread over clusters). Images labelled or "
                    + "removed since the model was trained are left out. A dataset-events record of type "
                    + "SUGGESTIONS_READY announces a new model's suggestions.")
    @APIResponse(responseCode = "200", description = "The next images, first to label first")
    @APIResponse(responseCode = "400", description = "Unknown strategy, or a limit outside 1..1000")
    @APIResponse(responseCode = "404", description = "No such dataset, or no model has ranked its images yet")
    public SuggestionPage suggest(
            @PathParam("datasetId") String datasetId,
            @QueryParam("strategy") @Parameter(description = "random, least-confidence, margin, entropy, typiclust "
                    + "(default) or margin-cluster") String strategyParam,
            @QueryParam("limit") @DefaultValue("100") @Parameter(description = "how many images, 1..1000",
                    schema = @Schema(type = SchemaType.INTEGER)) String limitParam) {
        int limit = limit(limitParam);
        Strategy strategy = strategyParam == null || strategyParam.isBlank() ? Strategy.DEFAULT
                : Strategy.of(strategyParam);
        DatasetState dataset = datasets.require(datasetId);
        StoredSuggestions stored = suggestions.newest(datasetId).orElseThrow(() -> new NotFoundException(
                "dataset " + datasetId + " has no suggestions yet: they come with the next model trained on it "
                        + "while it has unlabelled images"));
        Suggestions ranked = stored.suggestions();
        List<Integer> ranking = ranked.rankings().getOrDefault(strategy, List.of());
        List<SuggestionPage.Suggestion> page = new ArrayList<>();
        int labeledSince = 0;
        int open = 0;
        for (int index : ranking) {
            Suggestions.ScoredImage image = ranked.images().get(index);
            Optional<ImageEntry> now = dataset.image(image.imageId()).filter(e -> e.split() == Split.UNLABELED);
            if (now.isEmpty()) {
                labeledSince++;
                continue;
            }
            open++;
            if (page.size() < limit) {
                page.add(new SuggestionPage.Suggestion(open, image.imageId(), now.get().fileName(),
                        image.scores().get(strategy), image.guesses(), image.cluster()));
            }
        }
        return new SuggestionPage(datasetId, stored.modelId(), stored.datasetVersion(), stored.createdAt(), strategy,
                Arrays.stream(Strategy.values()).filter(ranked.rankings()::containsKey).toList(), labeledSince,
                open - page.size(), page);
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException("limit must be a whole number between 1 and " + MAX_LIMIT + ", got '" + value
                + "'");
    }
}
