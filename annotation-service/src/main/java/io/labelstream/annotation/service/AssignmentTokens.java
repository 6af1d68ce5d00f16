package io.labelstream.annotation.service;

import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.token.AssignmentToken;
import io.labelstream.platform.token.AssignmentTokenCodec;
import io.labelstream.platform.token.InvalidAssignmentTokenException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/**
 * Verifies the assignment token a submission presents: issued by the assignment service (else 401),
 * for this assignment and for the caller (else 403). Expiry is decided by the caller of this class,
 * because an idempotent repeat or a revision in the grace window is still accepted after the lease.
 */
@ApplicationScoped
public class AssignmentTokens {

    private final AssignmentTokenCodec codec;

    public AssignmentTokens(AssignmentTokenCodec codec) {
        this.codec = codec;
    }

    public AssignmentToken verify(String token, UUID assignmentId, String callerId) {
        if (token == null || token.isBlank()) {
            throw ProblemException.unauthorized("an assignment token is required (header Labelstream-Assignment-Token"
                    + " or body field assignmentToken)");
        }
        AssignmentToken claims;
        try {
            claims = codec.verify(token.trim());
        } catch (InvalidAssignmentTokenException e) {
            throw ProblemException.unauthorized(e.getMessage());
        }
        if (!claims.assignmentId().equals(assignmentId)) {
            throw ProblemException.forbidden("the assignment token is for another assignment");
        }
        if (!claims.annotatorId().equals(callerId)) {
            throw ProblemException.forbidden("the assignment token was issued to another annotator");
        }
        return claims;
    }
}
