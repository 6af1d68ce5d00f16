package io.labelstream.platform.token;

/** A token that was not issued by the assignment service, or was altered. */
public class InvalidAssignmentTokenException extends RuntimeException {

    public InvalidAssignmentTokenException(String message) {
        super(message);
    }
}
