package io.labelstream.contracts.labels;

/**
 * One rule a submitted label breaks.
 *
 * @param field  JSON path of the offending value in the request body, e.g. {@code label.spans[1].end}
 * @param reason the rule, in words a labeling frontend can show next to the field
 */
public record LabelViolation(String field, String reason) {

    /** The name every {@link #field()} starts from: the {@code label} of an annotation. */
    public static final String ROOT = "label";

    /**
     * The same violation for a label that sits under another name in its body, e.g. a gold item's
     * {@code referenceAnswer}: {@code label.spans[0]} becomes {@code referenceAnswer.spans[0]}.
     */
    public LabelViolation rootedAt(String root) {
        boolean underRoot = field.equals(ROOT) || field.startsWith(ROOT + ".");
        String relative = underRoot ? field.substring(ROOT.length()) : "." + field;
        return new LabelViolation(root + relative, reason);
    }
}
