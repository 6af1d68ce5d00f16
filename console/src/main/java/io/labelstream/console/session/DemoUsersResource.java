package io.labelstream.console.session;

import io.labelstream.console.ConsoleConfig;
import io.labelstream.console.ConsoleProblem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.file.Files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /console/demo-users}: the local stack's demo users with their tokens, so that the sign-in page
 * can offer them. Anyone may call it ({@link PermitAll}), but it answers only where the local launcher
 * configured its tokens file; in production it answers 404 and users paste a token of their identity
 * provider instead.
 */
@Path("/console/demo-users")
@PermitAll
public class DemoUsersResource {

    /** A demo user and a token the local stack minted for them. */
    public record DemoUser(String userId, String token) {
    }

    private final ConsoleConfig config;

    public DemoUsersResource(ConsoleConfig config) {
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() throws IOException {
        java.nio.file.Path file = config.demoTokensFile().map(java.nio.file.Path::of).orElse(null);
        if (file == null || !Files.isRegularFile(file)) {
            return ConsoleProblem.of(404, "No demo users", "demo users exist only in the local stack;"
                    + " sign in with a bearer token of your identity provider", "demoUsers", "not in local mode");
        }
        return Response.ok(parse(Files.readAllLines(file))).build();
    }

    /** Lines {@code TOKEN_ALICE=eyJ…} as the launcher writes them. */
    static List<DemoUser> parse(List<String> lines) {
        List<DemoUser> users = new ArrayList<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            if (line.startsWith("TOKEN_") && equals > "TOKEN_".length()) {
                users.add(new DemoUser(line.substring("TOKEN_".length(), equals).toLowerCase(Locale.ROOT),
                        line.substring(equals + 1).trim()));
            }
        }
        return users;
    }
}
