package io.labelstream.adjudication.domain;

import java.time.Instant;

/** An annotator's latest measured quality in a project. */
public record AnnotatorQuality(String status, Double goldAccuracy, Double agreement, int labelCount, Instant assessedAt) {
}
