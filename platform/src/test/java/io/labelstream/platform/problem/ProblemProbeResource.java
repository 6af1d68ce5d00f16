package io.labelstream.platform.problem;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** An endpoint that exists only in the tests, to provoke each kind of bad input. */
@Path("/probe")
public class ProblemProbeResource {

    // far more than any pool here is configured to hold
    private static final int MORE_THAN_THE_POOL = 1000;

    @Inject
    AgroalDataSource dataSource;

    public record Box(@NotNull @Min(1) Integer width, @NotNull @Min(1) Integer height) {
    }

    public record Probe(@NotBlank String name, @NotNull @Valid Box box, List<String> tags) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Probe accept(@Valid @NotNull Probe probe) {
        return probe;
    }

    public record Tagged(String name, JsonNode data) {
    }

    @POST
    @Path("/tagged")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Tagged tagged(Tagged tagged) {
        return tagged;
    }

    public enum Decision { RESOLVED, DISPUTED }

    @GET
    @Path("/list")
    @Produces(MediaType.APPLICATION_JSON)
    public List<String> list(@QueryParam("limit") @DefaultValue("10") int limit, @QueryParam("after") UUID after,
                             @QueryParam("decision") Decision decision) {
        return List.of(String.valueOf(limit), String.valueOf(after), String.valueOf(decision));
    }

    /** Hands a query parameter to PostgreSQL unchecked, as a service that forgot to validate it would. */
    @GET
    @Path("/store")
    public String store(@QueryParam("text") String text) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("select cast(? as text)")) {
            s.setString(1, text);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }

    @POST
    @Path("/refuse")
    public void refuse() {
        throw ProblemException.conflict("already decided");
    }

    @POST
    @Path("/crash")
    public void crash() {
        throw new IllegalStateException("secret internal detail");
    }

    /** Holds every connection of the real pool, then asks for one more: the pool's acquisition timeout. */
    @POST
    @Path("/exhaust-pool")
    public void exhaustPool() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            while (held.size() < MORE_THAN_THE_POOL) {
                held.add(dataSource.getConnection());
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
