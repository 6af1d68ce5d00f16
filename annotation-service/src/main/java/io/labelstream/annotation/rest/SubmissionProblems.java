package io.labelstream.annotation.rest;

import io.labelstream.annotation.config.AnnotationConfig;
import io.labelstream.annotation.service.NotYetKnownException;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/** The refusals specific to this service, as problem+json like every other one. */
public class SubmissionProblems {

    private final AnnotationConfig config;

    public SubmissionProblems(AnnotationConfig config) {
        this.config = config;
    }

    /** An item or schema version still on its way: the client retries, nothing was stored. */
    @ServerExceptionMapper
    public Response notYetKnown(NotYetKnownException e, UriInfo uri) {
        long retryAfter = Math.max(1, config.notYetKnownRetryAfter().toSeconds());
        Problem problem = new Problem("urn:labelstream:problem:not-yet-known", "Not yet known", 503,
                e.getMessage(), uri.getPath(), List.of());
        return ProblemMappers.retryLater(problem, retryAfter);
    }

    /** Labels are small; a body over the limit is refused before it is read. */
    @ServerRequestFilter
    public Optional<Response> limitBodySize(ContainerRequestContext request) {
        int length = request.getLength();
        if (length <= config.maxBodyBytes()) {
            return Optional.empty();
        }
        Problem problem = new Problem("urn:labelstream:problem:too-large", "Payload too large", 413,
                "the body has " + length + " bytes; at most " + config.maxBodyBytes() + " are accepted",
                request.getUriInfo().getPath(),
                List.of(new Problem.FieldError("body", "larger than " + config.maxBodyBytes() + " bytes")));
        return Optional.of(Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build());
    }
}
