package io.labelstream.adjudication.rest;

import io.labelstream.platform.problem.ProblemException;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses query parameters so that a bad value is a 400 naming the parameter, not a 404. */
final class QueryParameters {

    private QueryParameters() {
    }

    static Integer optionalInt(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name, "must be an integer");
        }
    }

    static int positiveInt(String name, String value, int max) {
        Integer parsed = optionalInt(name, value);
        if (parsed == null || parsed < 1 || parsed > max) {
            throw ProblemException.badRequest(name, "must be an integer from 1 to " + max);
        }
        return parsed;
    }

    static Instant optionalInstant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
