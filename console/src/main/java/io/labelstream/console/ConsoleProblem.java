package io.labelstream.console;

import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem the console itself answers, in the services' shape (with the offending field). */
public final class ConsoleProblem {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ConsoleProblem() {
    }

    public static Response of(int status, String title, String detail, String field, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("errors", List.of(Map.of("field", field, "reason", reason)));
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
