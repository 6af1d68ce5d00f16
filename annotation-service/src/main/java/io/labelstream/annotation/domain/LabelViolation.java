package io.labelstream.annotation.domain;

/**
 * One rule a submitted label breaks.
 *
 * @param field  JSON path of the offending value in the request body, e.g. {@code label.spans[1].end}
 * @param reason the rule, in words a labeling frontend can show next to the field
 */
public record LabelViolation(String field, String reason) {
}
