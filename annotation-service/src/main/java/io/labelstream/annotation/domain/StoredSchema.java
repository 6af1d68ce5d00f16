package io.labelstream.annotation.domain;

import io.labelstream.contracts.project.LabelingSchema;

/** A project's labeling schema at one schema version, with the guideline version that went with it. */
public record StoredSchema(LabelingSchema schema, int guidelineVersion) {
}
