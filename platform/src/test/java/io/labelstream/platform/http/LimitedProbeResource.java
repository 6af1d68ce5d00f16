package io.labelstream.platform.http;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.IOException;
import java.io.InputStream;

/** Endpoints under a 1 KiB body limit: one reads JSON, one reads the raw stream, as uploads do. */
@Path("/limited")
public class LimitedProbeResource {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonNode json(JsonNode body) {
        return body;
    }

    @POST
    @Path("/stream")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @Produces(MediaType.TEXT_PLAIN)
    public String stream(InputStream body) throws IOException {
        return String.valueOf(body.readAllBytes().length);
    }
}
