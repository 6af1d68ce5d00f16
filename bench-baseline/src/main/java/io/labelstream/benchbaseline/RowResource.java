package io.labelstream.benchbaseline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A plain blocking JSON POST that commits one row in one transaction: no authentication, no validation,
 * no outbox. Benches measure a service against it to see what the service's own work costs.
 */
@Path("/rows")
public class RowResource {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public RowResource(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    void createTable(@Observes StartupEvent started) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create schema if not exists bench");
            ddl.execute("create table if not exists bench.baseline_row (id uuid primary key, body jsonb not null,"
                    + " created_at timestamptz not null)");
        }
    }

    public record Row(UUID id, Map<String, Object> body, Instant createdAt) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public Response insert(Map<String, Object> body) throws SQLException, JsonProcessingException {
        Row row = new Row(UUID.randomUUID(), body, Instant.now());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into bench.baseline_row (id, body, created_at) values (?, cast(? as jsonb), ?)")) {
            insert.setObject(1, row.id());
            insert.setString(2, json.writeValueAsString(body));
            insert.setTimestamp(3, java.sql.Timestamp.from(row.createdAt()));
            insert.executeUpdate();
        }
        return Response.status(Response.Status.CREATED).entity(row).build();
    }
}
