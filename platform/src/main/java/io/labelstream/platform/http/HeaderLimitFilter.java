package io.labelstream.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;

/**
 * Refuses request headers larger than {@code labelstream.http.max-header-size} with a 431 problem+json.
 * The server's own header limit ({@code quarkus.http.limits.max-header-size}) is checked while the
 * request is decoded, before any handler can shape the answer, and is an empty 431; so it is set higher
 * than this limit, and only headers past that outer bound still get the server's empty answer.
 */
@Singleton
public class HeaderLimitFilter {

    // before the body limits (-3), the server's upload limit (-2) and authentication
    private static final int FIRST = -4;
    // a header line is "name: value" and CRLF
    private static final int LINE_OVERHEAD = 4;

    private final long limit;
    private final ObjectMapper mapper;

    public HeaderLimitFilter(ObjectMapper mapper,
                             @ConfigProperty(name = "labelstream.http.max-header-size", defaultValue = "20K")
                             MemorySize limit) {
        this.limit = limit.asLongValue();
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(FIRST).handler(this::refuseOverLimit);
    }

    /** The size of the headers as sent: each name and value with its separator and line end. */
    static long sizeOf(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> header : headers) {
            size += header.getKey().length() + header.getValue().length() + LINE_OVERHEAD;
        }
        return size;
    }

    private void refuseOverLimit(RoutingContext rc) {
        long size = sizeOf(rc.request().headers());
        if (size <= limit) {
            rc.next();
            return;
        }
        Problem problem = new ProblemException(431, "Request header fields too large", "the request's headers are "
                + size + " bytes; at most " + limit + " bytes are taken", List.of(new Problem.FieldError("headers",
                "more than " + limit + " bytes"))).toProblem(rc.normalizedPath());
        try {
            rc.response().setStatusCode(431)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem always serialises", e);
        }
    }
}
