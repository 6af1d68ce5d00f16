package io.labelstream.platform.security;

import io.labelstream.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** Who is calling: the authenticated user of the current request. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user id: the token's {@code upn}, or its subject. */
    public String userId() {
        if (identity.isAnonymous()) {
            throw ProblemException.unauthorized("a valid bearer token is required");
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
