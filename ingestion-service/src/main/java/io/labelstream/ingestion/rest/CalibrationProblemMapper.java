package io.labelstream.ingestion.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.ingestion.domain.CalibrationGate;
import io.labelstream.ingestion.service.CalibrationNotPassed;
import io.labelstream.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** A refused move to ACTIVE as problem+json (RFC 9457) with the pilot's measured kappa and target as members. */
public class CalibrationProblemMapper {

    static final String TYPE = "urn:labelstream:problem:calibration-not-passed";

    /** The problem with the extension members a client needs to explain the refusal. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalibrationProblem(String type, String title, int status, String detail, String instance,
                                     int guidelineVersion, CalibrationState calibrationState, Double measuredKappa,
                                     double targetKappa, int pilotItems, int minItems,
                                     List<Problem.FieldError> errors) {
    }

    @ServerExceptionMapper
    public Response refused(CalibrationNotPassed e, UriInfo uri) {
        CalibrationGate.Judgement j = e.judgement();
        CalibrationProblem problem = new CalibrationProblem(TYPE, "Calibration not passed", 409, e.getMessage(),
                uri.getPath(), j.guidelineVersion(), j.state(), j.measuredKappa(), j.targetKappa(), j.pilotItems(),
                j.minItems(), List.of(new Problem.FieldError("state",
                        "ACTIVE needs a PASSED calibration under guideline version " + j.guidelineVersion()
                                + " or an override")));
        return Response.status(409).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
