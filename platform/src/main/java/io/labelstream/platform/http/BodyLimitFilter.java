package io.labelstream.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Refuses a body longer than its endpoint's limit with a 413 problem+json naming the limit, before a byte
 * of it is read. The server's own check answers 413 with an empty body, so this filter runs first for
 * bodies that declare their length; a streamed (chunked) body is counted as it is read and refused at the
 * endpoint's limit by {@link BodyLimitInterceptor}.
 */
@Singleton
public class BodyLimitFilter {

    // the server's upload-limit handler has order -2 and records its ceiling under this key for readers
    private static final int BEFORE_SERVER_LIMIT = -3;
    private static final int AFTER_SERVER_LIMIT = -1;
    private static final String READ_LIMIT_KEY = "io.quarkus.max-request-size";
    // far more than the server reads ahead of a body's reader (its input buffer, some network chunks)
    private static final long READ_AHEAD = 1024 * 1024;

    private final BodyLimits limits;
    private final ObjectMapper mapper;

    public BodyLimitFilter(BodyLimitConfig config, ObjectMapper mapper,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
                           MemorySize ceiling) {
        Map<String, Long> byPath = new LinkedHashMap<>();
        config.bodyLimits().values().forEach(l -> byPath.put(l.path(), Math.min(l.maxSize().asLongValue(),
                ceiling.asLongValue())));
        this.limits = new BodyLimits(byPath, Math.min(config.maxBodySize().map(MemorySize::asLongValue)
                .orElse(ceiling.asLongValue()), ceiling.asLongValue()));
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(BEFORE_SERVER_LIMIT).handler(this::refuseDeclaredOverLimit);
        router.route().order(AFTER_SERVER_LIMIT).handler(this::boundStreamedBody);
    }

    private void refuseDeclaredOverLimit(RoutingContext rc) {
        long limit = limits.limitOf(rc.normalizedPath());
        OptionalLong declared = BodyLimits.declaredLength(rc.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared.isPresent() && declared.getAsLong() > limit) {
            Problem problem = new ProblemException(413, "Payload too large", "the body is " + declared.getAsLong()
                    + " bytes; this endpoint takes at most " + limit + " bytes", List.of(new Problem.FieldError("body",
                    "more than " + limit + " bytes"))).toProblem(rc.normalizedPath());
            // the unread body would otherwise be parsed as the next request on this connection
            rc.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json(problem));
            return;
        }
        rc.next();
    }

    private void boundStreamedBody(RoutingContext rc) {
        // BodyLimitInterceptor refuses a streamed body at its limit with a problem; the server's own cut-off
        // (an empty 413) stays as a backstop, just far enough past the limit for what is read ahead
        rc.put(READ_LIMIT_KEY, limits.limitOf(rc.normalizedPath()) + READ_AHEAD);
        rc.next();
    }

    /** The body limit of a request path. */
    public long limitOf(String path) {
        return limits.limitOf(path);
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem always serialises", e);
        }
    }
}
