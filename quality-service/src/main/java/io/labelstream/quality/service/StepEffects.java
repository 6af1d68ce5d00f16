package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.ItemAssessed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What applying an event changed and must be published, and whom it quarantined. */
public final class StepEffects {

    private final boolean changedState;
    private final List<ItemAssessed> items = new ArrayList<>();
    private final List<AnnotatorAssessed> annotators = new ArrayList<>();
    private final Set<Quarantined> quarantined = new LinkedHashSet<>();

    private StepEffects(boolean changedState) {
        this.changedState = changedState;
    }

    /** The event changed nothing: a duplicate, a stale revision, an item without labels to assess. */
    public static StepEffects none() {
        return new StepEffects(false);
    }

    /** The event changed the state; what must be told is added as it is found. */
    public static StepEffects stateChanged() {
        return new StepEffects(true);
    }

    /** Adds what another step of the same transaction must have told. */
    public void include(StepEffects other) {
        items.addAll(other.items);
        annotators.addAll(other.annotators);
        quarantined.addAll(other.quarantined);
    }

    /** Whether the event changed the quality state, so that it is a step of the journal. */
    public boolean changedState() {
        return changedState;
    }

    public boolean quarantinedAnyone() {
        return !quarantined.isEmpty();
    }

    void itemAssessed(ItemAssessed event) {
        items.add(event);
    }

    void annotatorAssessed(AnnotatorAssessed event) {
        annotators.add(event);
    }

    void quarantined(UUID projectId, String annotatorId) {
        quarantined.add(new Quarantined(projectId, annotatorId));
    }

    List<ItemAssessed> items() {
        return Collections.unmodifiableList(items);
    }

    List<AnnotatorAssessed> annotators() {
        return Collections.unmodifiableList(annotators);
    }

    Set<Quarantined> quarantined() {
        return Collections.unmodifiableSet(quarantined);
    }

    /** An annotator a step quarantined: the items of their labels are to be decided again without them. */
    record Quarantined(UUID projectId, String annotatorId) {
    }
}
