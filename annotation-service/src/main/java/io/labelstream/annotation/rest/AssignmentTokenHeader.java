package io.labelstream.annotation.rest;

import io.labelstream.platform.problem.ProblemException;

/** Where a client presents its assignment token. */
final class AssignmentTokenHeader {

    static final String NAME = "Labelstream-Assignment-Token";

    private AssignmentTokenHeader() {
    }

    /** The token from the header or else the body; both given and different is a client error. */
    static String pick(String header, String body) {
        if (header != null && body != null && !header.equals(body)) {
            throw ProblemException.badRequest("assignmentToken", "differs from the " + NAME + " header");
        }
        return header != null ? header : body;
    }
}
