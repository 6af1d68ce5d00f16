package io.labelstream.quality.service;

import io.labelstream.contracts.events.AnnotationSubmitted;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A project's annotations as a rebuild read them from the annotation log, in reading order, held in memory: the
 * rebuild looks up the one each journal step applied, then applies those no step applied in the order read.
 * They take memory linear in the project's annotations, as the rebuild's working set does; the label a record
 * carries is the very one the working set then stores.
 */
final class LoggedAnnotations {

    private record Revision(UUID annotationId, int revision) {
        static Revision of(AnnotationSubmitted annotation) {
            return new Revision(annotation.annotationId(), annotation.revision());
        }
    }

    private final List<AnnotationSubmitted> inReadingOrder = new ArrayList<>();
    private final Map<Revision, AnnotationSubmitted> firstRead = new HashMap<>();
    private final Set<Revision> journalled = new HashSet<>();

    void add(AnnotationSubmitted annotation) {
        inReadingOrder.add(annotation);
        firstRead.putIfAbsent(Revision.of(annotation), annotation);
    }

    /**
     * The annotation revision a journal step applied, as first read (a redelivered record repeats it), or null if
     * the log no longer holds it. Either way it is not applied again among {@link #unjournalled()}.
     */
    AnnotationSubmitted journalled(UUID annotationId, int revision) {
        Revision applied = new Revision(annotationId, revision);
        journalled.add(applied);
        return firstRead.get(applied);
    }

    /** The records of revisions no journal step applied, in reading order; asked after the whole journal. */
    List<AnnotationSubmitted> unjournalled() {
        return inReadingOrder.stream().filter(a -> !journalled.contains(Revision.of(a))).toList();
    }

    long size() {
        return inReadingOrder.size();
    }
}
