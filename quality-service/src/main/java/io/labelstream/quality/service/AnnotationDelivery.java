package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotationSubmitted;

import java.util.UUID;

/** An AnnotationSubmitted or AnnotationRevised as delivered, with the id of its event. */
public record AnnotationDelivery(UUID eventId, AnnotationSubmitted annotation) {
}
