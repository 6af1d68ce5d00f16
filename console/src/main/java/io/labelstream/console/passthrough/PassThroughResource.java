package io.labelstream.console.passthrough;

import io.labelstream.console.ConsoleConfig;
import io.labelstream.console.ConsoleProblem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * {@code /api/{service}/{path}}: the browser's calls to the services, forwarded with the caller's own
 * bearer token, so that pages need no cross-origin access to the services. The console checks no token
 * and owns no data: each service decides, as for any client, who may do what ({@link PermitAll} here for
 * that reason). Only the services' public paths ({@link PublicPaths}) are forwarded.
 */
@Path("/api/{service}/{path: .+}")
@PermitAll
public class PassThroughResource {

    /** Request headers a page may send on to a service; anything else (cookies above all) stays here. */
    static final List<String> REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ACCEPT, "Idempotency-Key", "Labelstream-Assignment-Token");
    /** Response headers a page reads; a service's Location names its own address and is not passed on. */
    static final List<String> RESPONSE_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, "Content-Disposition",
            "Labelstream-Reason", "Retry-After", "ETag");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    // HTTP/1.1: cleartext HTTP/2 would funnel every page's calls over one connection to one event loop
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ConsoleConfig config;

    public PassThroughResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    public CompletionStage<Response> get(@PathParam("service") String service, @PathParam("path") String path,
                                         @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("GET", service, path, uri, headers, null);
    }

    @POST
    public CompletionStage<Response> post(@PathParam("service") String service, @PathParam("path") String path,
                                          @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("POST", service, path, uri, headers, body);
    }

    @PUT
    public CompletionStage<Response> put(@PathParam("service") String service, @PathParam("path") String path,
                                         @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PUT", service, path, uri, headers, body);
    }

    @PATCH
    public CompletionStage<Response> patch(@PathParam("service") String service, @PathParam("path") String path,
                                           @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward("PATCH", service, path, uri, headers, body);
    }

    @DELETE
    public CompletionStage<Response> delete(@PathParam("service") String service, @PathParam("path") String path,
                                            @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward("DELETE", service, path, uri, headers, null);
    }

    private CompletionStage<Response> forward(String method, String service, String path, UriInfo uri,
                                              HttpHeaders headers, byte[] body) {
        String base = config.services().get(service);
        if (base == null || !PublicPaths.services().contains(service)) {
            return done(ConsoleProblem.of(404, "Unknown service", "the console knows no service '" + service
                    + "'; known: " + String.join(", ", PublicPaths.services().stream().sorted().toList()),
                    "service", "not a service of this platform"));
        }
        String servicePath = "/" + path;
        if (!PublicPaths.allows(service, method, servicePath)) {
            return done(ConsoleProblem.of(404, "Not a public path", method + " " + servicePath
                    + " is not a public path of the " + service + " service", "path", "not forwarded by the console"));
        }
        String query = uri.getRequestUri().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + servicePath + (query == null ? "" : "?" + query)))
                .timeout(TIMEOUT)
                .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String name : REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(PassThroughResource::relay)
                .exceptionally(failure -> ConsoleProblem.of(502, "Service unreachable", "the " + service
                        + " service did not answer: " + rootMessage(failure), "service", "unreachable"));
    }

    private static Response relay(HttpResponse<byte[]> answer) {
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        for (String name : RESPONSE_HEADERS) {
            answer.headers().firstValue(name).ifPresent(value -> response.header(name, value));
        }
        if (answer.body().length > 0) {
            response.entity(answer.body());
        }
        return response.build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static CompletionStage<Response> done(Response response) {
        return java.util.concurrent.CompletableFuture.completedFuture(response);
    }
}
