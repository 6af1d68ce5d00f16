package io.labelstream.learning.rest;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.learning.domain.LearnableProject;
import io.labelstream.learning.domain.ModelVersion;
import io.labelstream.learning.domain.TextClassifier;
import io.labelstream.learning.service.ModelCatalog;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A project's built-in models, for its managers and reviewers: every version with its cross-validated
 * metrics, and predictions of the latest for items that need not be ingested. Annotators see none of it:
 * a model's view of an item is a hint at its answer.
 */
@Path("/projects/{projectId}/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MANAGER, Roles.REVIEWER})
@Tag(name = "models", description = "The project's built-in models")
public class ModelResource {

    private final ProjectAccess access;
    private final ModelCatalog catalog;

    public ModelResource(ProjectAccess access, ModelCatalog catalog) {
        this.access = access;
        this.catalog = catalog;
    }

    @GET
    @Transactional
    @Operation(summary = "Every model version of the project, newest first")
    @APIResponse(responseCode = "200", description = "The versions; empty before the first training")
    @APIResponse(responseCode = "403", description = "Not a manager or reviewer of the project")
    @APIResponse(responseCode = "404", description = "Unknown project")
    public List<ModelViews.Version> versions(@PathParam("projectId") UUID projectId) {
        access.requireMember(projectId, ProjectRole.MANAGER, ProjectRole.REVIEWER);
        return ModelVersion.newestFirst(projectId).stream().map(ModelViews.Version::of).toList();
    }

    @POST
    @Path("/latest/predict")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Predictions of the latest model for up to 1,000 items given by their data")
    @APIResponse(responseCode = "200", description = "One prediction per item, in request order")
    @APIResponse(responseCode = "400", description = "No items, more than 1,000, or an item without data")
    @APIResponse(responseCode = "403", description = "Not a manager or reviewer of the project")
    @APIResponse(responseCode = "404", description = "Unknown project")
    @APIResponse(responseCode = "409", description = "No model yet, or no built-in model for the project's task type")
    public ModelViews.Predictions predict(@PathParam("projectId") UUID projectId,
                                          @Valid @NotNull ModelViews.PredictRequest body) {
        ProjectEvent event = access.requireMember(projectId, ProjectRole.MANAGER, ProjectRole.REVIEWER);
        LearnableProject project = LearnableProject.of(event).orElseThrow(() -> ProblemException.conflict(
                "no built-in model for " + event.schema().taskType() + " projects; external models may publish predictions"));
        ModelCatalog.Loaded model = catalog.latest(projectId)
                .orElseThrow(() -> ProblemException.conflict("project " + projectId + " has no model yet"));
        List<ModelViews.Prediction> predictions = new ArrayList<>(body.items().size());
        for (int i = 0; i < body.items().size(); i++) {
            String text = project.textOf(body.items().get(i).data());
            if (text == null) {
                throw ProblemException.invalid("items[" + i + "].data." + project.textField(), "must be a non-blank text");
            }
            TextClassifier.Prediction prediction = model.classifier().predict(text);
            predictions.add(new ModelViews.Prediction(project.labelOf(prediction.labels()), prediction.distribution()));
        }
        return new ModelViews.Predictions(model.modelId(), predictions);
    }
}
