package io.labelstream.quality.rest;

import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.SnapshotRepository;
import io.labelstream.quality.service.AgreementReport;
import io.labelstream.quality.service.CalibrationReport;
import io.labelstream.quality.service.PairwiseReport;
import io.labelstream.quality.service.PilotCalibration;
import io.labelstream.quality.service.LabelShapes;
import io.labelstream.quality.service.ProgressReport;
import io.labelstream.quality.service.ProjectAgreement;
import io.labelstream.quality.service.ProjectProgress;
import io.labelstream.quality.service.QualityReplay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

/**
 * Read APIs of quality for dashboards. Reviewers and managers of a project see everything of it;
 * annotators see the project's progress and their own scores only.
 */
@Path("/projects/{projectId}/quality")
@Produces(MediaType.APPLICATION_JSON)
public class QualityResource {

    private static final int MAX_PAGE = 500;
    private static final int MAX_COMMON_ITEMS = 1_000_000;

    private final ProjectAccess access;
    private final QualityItemRepository items;
    private final QualityAnnotatorRepository annotators;
    private final SnapshotRepository snapshots;
    private final ProjectAgreement agreement;
    private final ProjectProgress progress;
    private final QualityReplay replay;
    private final PilotCalibration calibration;
    private final QualityConfig config;

    public QualityResource(ProjectAccess access, QualityItemRepository items, QualityAnnotatorRepository annotators,
                           SnapshotRepository snapshots, ProjectAgreement agreement, ProjectProgress progress,
                           QualityReplay replay, PilotCalibration calibration, QualityConfig config) {
        this.access = access;
        this.items = items;
        this.annotators = annotators;
        this.snapshots = snapshots;
        this.agreement = agreement;
        this.progress = progress;
        this.replay = replay;
        this.calibration = calibration;
        this.config = config;
    }

    @GET
    @Path("/items/{itemId}")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    @Transactional
    public ItemQualityView item(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId) {
        access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        return items.find(projectId, itemId).map(ItemQualityView::of)
                .orElseThrow(() -> ProblemException.notFound("item " + itemId));
    }

    /** Assessed regular items, by item id; page with {@code after} = the last item id of the previous page. */
    @GET
    @Path("/items")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    @Transactional
    public List<ItemQualityView> items(@PathParam("projectId") UUID projectId, @QueryParam("decision") ItemDecision decision,
                                       @QueryParam("after") UUID after, @QueryParam("limit") @DefaultValue("100") int limit) {
        access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
        }
        return items.assessed(projectId, decision, after, limit).stream().map(ItemQualityView::of).toList();
    }

    @GET
    @Path("/annotators")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    @Transactional
    public List<AnnotatorQualityView> annotators(@PathParam("projectId") UUID projectId) {
        access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        return annotators.ofProject(projectId).stream().map(AnnotatorQualityView::of).toList();
    }

    /** An annotator's scores: reviewers and managers see anyone's, an annotator only their own. */
    @GET
    @Path("/annotators/{annotatorId}")
    @RolesAllowed({Roles.ANNOTATOR, Roles.REVIEWER, Roles.MANAGER})
    @Transactional
    public AnnotatorQualityView annotator(@PathParam("projectId") UUID projectId,
                                          @PathParam("annotatorId") String annotatorId) {
        access.requireMember(projectId, ProjectRole.ANNOTATOR, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        boolean oversees = isMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        if (!oversees && !annotatorId.equals(access.callerId())) {
            throw ProblemException.forbidden("annotators may read only their own scores");
        }
        return annotators.find(projectId, annotatorId).map(AnnotatorQualityView::of)
                .orElseThrow(() -> ProblemException.notFound("scores of annotator " + annotatorId));
    }

    @GET
    @Path("/annotators/me")
    @RolesAllowed({Roles.ANNOTATOR, Roles.REVIEWER, Roles.MANAGER})
    @Transactional
    public AnnotatorQualityView me(@PathParam("projectId") UUID projectId) {
        access.requireMember(projectId, ProjectRole.ANNOTATOR, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        String me = access.callerId();
        return annotators.find(projectId, me).map(AnnotatorQualityView::of)
                .orElseThrow(() -> ProblemException.notFound("scores of annotator " + me));
    }

    /** Kappa and alpha now, overall and per label, the most confused label pairs, and the snapshots so far. */
    @GET
    @Path("/agreement")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    public AgreementView agreement(@PathParam("projectId") UUID projectId,
                                   @QueryParam("pairs") @DefaultValue("10") int pairs) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        if (pairs < 0 || pairs > MAX_PAGE) {
            throw ProblemException.invalid("pairs", "must be between 0 and " + MAX_PAGE);
        }
        requireCategorical(project);
        AgreementReport current = agreement.current(project, pairs);
        List<AgreementView.Snapshot> history = snapshotHistory(projectId);
        return new AgreementView(current, history);
    }

    /** Cohen's kappa between every two annotators with at least {@code minCommonItems} items in common. */
    @GET
    @Path("/agreement/pairs")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    public PairwiseReport agreementPairs(@PathParam("projectId") UUID projectId,
                                         @QueryParam("minCommonItems") @DefaultValue("10") String minCommonItems) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        int minimum = positiveInteger("minCommonItems", minCommonItems);
        requireCategorical(project);
        return agreement.pairs(project, minimum);
    }

    /** The pilot under the current guideline version, and its verdict under every version so far. */
    @GET
    @Path("/calibration")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    public CalibrationReport calibration(@PathParam("projectId") UUID projectId) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        requireCategorical(project);
        return calibration.report(project);
    }

    /** Items by state, and time and cost to completion. */
    @GET
    @Path("/progress")
    @RolesAllowed({Roles.ANNOTATOR, Roles.REVIEWER, Roles.MANAGER})
    public ProgressReport progress(@PathParam("projectId") UUID projectId) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.ANNOTATOR, ProjectRole.REVIEWER,
                ProjectRole.MANAGER);
        return progress.report(project);
    }

    /** Rebuilds the project's quality state from the annotation log, e.g. after a change of aggregation method. */
    @POST
    @Path("/replays")
    @RolesAllowed(Roles.MANAGER)
    public Response replay(@PathParam("projectId") UUID projectId, @jakarta.ws.rs.core.Context UriInfo uri) {
        access.requireMember(projectId, ProjectRole.MANAGER);
        ReplayView view = ReplayView.of(replay.request(projectId, access.callerId()));
        return Response.accepted(view)
                .location(uri.getAbsolutePathBuilder().path(view.replayId().toString()).build())
                .build();
    }

    @GET
    @Path("/replays/{replayId}")
    @RolesAllowed(Roles.MANAGER)
    public ReplayView replayStatus(@PathParam("projectId") UUID projectId, @PathParam("replayId") UUID replayId) {
        access.requireMember(projectId, ProjectRole.MANAGER);
        return replay.find(projectId, replayId).map(ReplayView::of)
                .orElseThrow(() -> ProblemException.notFound("replay " + replayId));
    }

    private List<AgreementView.Snapshot> snapshotHistory(UUID projectId) {
        return snapshots.history(projectId, config.snapshots().maxReturned(), false).stream()
                .map(s -> new AgreementView.Snapshot(s.takenAt(), s.annotationCount(), s.itemCount(), s.document()))
                .toList();
    }

    private static void requireCategorical(ProjectEvent project) {
        if (!LabelShapes.categorical(project.schema().taskType())) {
            throw ProblemException.conflict("kappa and alpha are computed for categorical task types; project "
                    + project.projectId() + " is " + project.schema().taskType() + " (see the items' agreement instead)");
        }
    }

    private static int positiveInteger(String parameter, String value) {
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= 1 && parsed <= MAX_COMMON_ITEMS) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below with the parameter's name
        }
        throw ProblemException.invalid(parameter, "must be an integer between 1 and " + MAX_COMMON_ITEMS);
    }

    private boolean isMember(UUID projectId, ProjectRole... roles) {
        try {
            access.requireMember(projectId, roles);
            return true;
        } catch (ProblemException notMember) {
            return false;
        }
    }
}
