package io.labelstream.platform.problem;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedMap;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds which query or path parameter of a request could not be converted to its declared type. The
 * REST layer reports such a failure as a bare 404 (the JAX-RS rule for query and path parameters) without
 * saying which one: this reads the values again against the matched method's parameters so the answer
 * can name it.
 */
final class UnreadableParameter {

    private UnreadableParameter() {
    }

    /** The first parameter of {@code method} whose value does not convert: where, its name and why. */
    static Optional<Finding> find(Method method, MultivaluedMap<String, String> query,
                                  MultivaluedMap<String, String> path) {
        if (method == null) {
            return Optional.empty();
        }
        for (Parameter parameter : method.getParameters()) {
            QueryParam q = parameter.getAnnotation(QueryParam.class);
            PathParam p = parameter.getAnnotation(PathParam.class);
            String name = q != null ? q.value() : p != null ? p.value() : null;
            if (name == null) {
                continue;
            }
            String value = (q != null ? query : path).getFirst(name);
            if (value == null) {
                continue;
            }
            Optional<String> reason = reasonUnreadable(parameter.getType(), value);
            if (reason.isPresent()) {
                return Optional.of(new Finding(q != null, name, reason.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> reasonUnreadable(Class<?> type, String value) {
        try {
            if (type == int.class || type == Integer.class) {
                Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                Long.parseLong(value);
            } else if (type == double.class || type == Double.class) {
                Double.parseDouble(value);
            } else if (type == boolean.class || type == Boolean.class) {
                if (!value.equals("true") && !value.equals("false")) {
                    return Optional.of("expected true or false");
                }
            } else if (type == UUID.class) {
                UUID.fromString(value);
            } else if (type == Instant.class) {
                Instant.parse(value);
            } else if (type.isEnum()) {
                boolean known = Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                        .anyMatch(value::equals);
                if (!known) {
                    return Optional.of("expected one of " + Arrays.toString(type.getEnumConstants()));
                }
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(expected(type));
        }
    }

    private static String expected(Class<?> type) {
        if (type == UUID.class) {
            return "expected a UUID";
        }
        if (type == Instant.class) {
            return "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        return "expected " + (type == double.class || type == Double.class ? "a number" : "an integer");
    }

    /** A parameter that did not convert: a query parameter (else a path parameter), its name and why. */
    record Finding(boolean query, String name, String reason) {
    }
}
