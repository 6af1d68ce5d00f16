package io.labelstream.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.labelstream.platform.http.BodyTooLargeException;
import io.labelstream.platform.json.UnsafeTextException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns every failure of a request into an RFC 9457 problem+json answer: validation errors name the
 * field, malformed JSON and wrong types are 400, a database that cannot take the request now is a 503
 * with Retry-After, an unexpected failure is a 500 that names only an id to find it in the log.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String UNAVAILABLE = "urn:labelstream:problem:unavailable";
    // a claim or a submission is a short transaction: a second is enough for connections to free up
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response tooLarge(BodyTooLargeException e, UriInfo uri) {
        Problem problem = new ProblemException(413, "Payload too large", "the body is longer than this endpoint's "
                + e.limit() + " bytes", List.of(new Problem.FieldError("body", "more than " + e.limit() + " bytes")))
                .toProblem(path(uri));
        // the rest of the body is never read: the connection cannot carry another request
        return Response.fromResponse(respond(problem)).header("Connection", "close").build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.invalid(errors).toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return respond(new ProblemException(400, "Malformed JSON",
                "the body is not valid JSON: " + e.getOriginalMessage(), List.of(new Problem.FieldError("body",
                "not valid JSON at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())))
                .toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response wrongShape(MismatchedInputException e, UriInfo uri) {
        String field = JsonPaths.of(e.getPath());
        String reason = e instanceof UnrecognizedPropertyException unknown
                ? "unknown field '" + unknown.getPropertyName() + "'"
                : e instanceof UnsafeTextException ? e.getOriginalMessage()
                : e.getMessage() != null && e.getMessage().startsWith("Trailing token")
                ? "the body must hold exactly one JSON value; found more after it"
                : "expected " + describe(e.getTargetType());
        if (e.getMessage() != null && e.getMessage().startsWith("Trailing token")) {
            field = "body";
        }
        return respond(ProblemException.badRequest(field, reason).toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = 2)
    public Response unreadable(JsonMappingException e, UriInfo uri) {
        return respond(ProblemException.badRequest(JsonPaths.of(e.getPath()), e.getOriginalMessage())
                .toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = 3)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return respond(ProblemException.badRequest("body", e.getOriginalMessage()).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return respond(ProblemException.unauthorized("a valid bearer token is required").toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return respond(ProblemException.unauthorized("the bearer token is invalid or expired").toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(ProblemException.forbidden("your roles do not allow this").toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, ResourceInfo resource) {
        if (e.getCause() instanceof BodyTooLargeException tooLarge) {
            return tooLarge(tooLarge, uri);
        }
        // the JSON reader reports unreadable bodies wrapped in a 400
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse, uri);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return wrongShape(mismatch, uri);
        }
        if (e.getCause() instanceof JsonProcessingException other) {
            return unreadable(other, uri);
        }
        // a query or path parameter that did not convert to its type: the REST layer says only 404
        if (e instanceof NotFoundException && e.getCause() != null && uri != null) {
            var finding = UnreadableParameter.find(resource == null ? null : resource.getResourceMethod(),
                    uri.getQueryParameters(), uri.getPathParameters());
            if (finding.isPresent() && finding.get().query()) {
                return respond(ProblemException.badRequest(finding.get().name(), finding.get().reason())
                        .toProblem(path(uri)));
            }
            if (finding.isPresent()) {
                return respond(new ProblemException(404, "Not Found", "no resource has this " + finding.get().name()
                        + ": " + finding.get().reason(), List.of()).toProblem(path(uri)));
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(new ProblemException(status, title, e.getMessage(), List.of()).toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return tooLarge(tooLarge, uri);
            }
        }
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        if (DatabaseUnavailable.causes(e)) {
            return busy(e, uri);
        }
        Optional<String> refused = RefusedInput.reason(e);
        if (refused.isPresent()) {
            // validation should have caught it before the database; the request changed nothing
            LOG.warnf("request %s reached the database with a value it refuses: %s", path(uri), refused.get());
            return respond(ProblemException.badRequest("body", refused.get()).toProblem(path(uri)));
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "request %s failed (incident %s)", path(uri), incident);
        return respond(new Problem("urn:labelstream:problem:internal", "Internal error", 500,
                "the request failed unexpectedly; incident " + incident, path(uri), List.of()));
    }

    /**
     * The database could not take the request now (no free connection in time, or unreachable). The
     * request's transaction rolled back, so the client may send it again: 503 with Retry-After, as for
     * any overload, rather than a 500 that reads as a fault.
     */
    private static Response busy(Throwable e, UriInfo uri) {
        LOG.warnf("request %s answered 503, the database cannot take it now: %s", path(uri), e);
        Problem problem = new Problem(UNAVAILABLE, "Service unavailable", 503,
                "the service has no free database connection now, or cannot reach its database; send the"
                        + " request again after Retry-After seconds", path(uri), List.of());
        return retryLater(problem, BUSY_RETRY_AFTER_SECONDS);
    }

    /** A 503: the request changed nothing and may be sent again after {@code seconds}. */
    public static Response retryLater(Problem problem, long seconds) {
        return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, seconds)
                .entity(problem).build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** The property path of a bean-validation violation without the method and parameter names. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum() || type == UUID.class) {
            return type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()) : "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
