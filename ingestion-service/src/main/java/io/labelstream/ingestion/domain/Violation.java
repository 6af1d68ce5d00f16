package io.labelstream.ingestion.domain;

/** One broken rule: the JSON path of the offending field and what is wrong with it. */
public record Violation(String field, String reason) {

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
