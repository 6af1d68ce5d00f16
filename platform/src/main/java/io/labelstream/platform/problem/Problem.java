package io.labelstream.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} names each offending field and the rule it broke, so a
 * client can point at the field; for bulk imports {@code line} says which line.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One reason a request was refused: the JSON path of the field and what is wrong with it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, String reason, Long line) {

        public FieldError(String field, String reason) {
            this(field, reason, null);
        }
    }
}
