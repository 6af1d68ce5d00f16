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
 * bodies that declare their length; for a streamed (chunked) body it lowers the limit the server enforces
 * while reading to the endpoint's, so no endpoint reads more than its limit either way.
 */
@Singleton
public class BodyLimitFilter {

    // the server's upload-limit handler has order -2 and records its ceiling under this key for readers
    private static final int BEFORE_SERVER_LIMIT = -3;
    private static final int AFTER_SERVER_LIMIT = -1;
    private static final String READ_LIMIT_KEY = "io.quarkus.max-request-size";

    private final BodyLimits limits;
    private final long ceiling;
    private final ObjectMapper mapper;

    public BodyLimitFilter(BodyLimitConfig config, ObjectMapper mapper,
                           @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
                           MemorySize ceiling) {
        Map<String, Long> byPath = new LinkedHashMap<>();
        config.bodyLimits().values().forEach(l -> byPath.put(l.path(), Math.min(l.maxSize().asLongValue(),
                ceiling.asLongValue())));
        this.ceiling = ceiling.asLongValue();
        this.limits = new BodyLimits(byPath, Math.min(config.maxBodySize().map(MemorySize::asLongValue)
                .orElse(this.ceiling), this.ceiling));
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
        long limit = limits.limitOf(rc.normalizedPath());
        if (limit < ceiling) {
            rc.put(READ_LIMIT_KEY, limit);
        }
        rc.next();
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem always serialises", e);
        }
    }
}
