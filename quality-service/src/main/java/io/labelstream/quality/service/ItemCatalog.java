package io.labelstream.quality.service;

import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.QualityItemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Objects;
import java.util.UUID;

/**
 * Records the items of each project: which of them are gold, and an item's own overlap k when its
 * ItemIngested carries one.
 */
@ApplicationScoped
public class ItemCatalog {

    static final String CONSUMER = "quality-service.items";

    private final Inbox inbox;
    private final ProjectLock projectLock;
    private final QualityItemRepository items;
    private final AnnotationProcessor annotations;

    public ItemCatalog(Inbox inbox, ProjectLock projectLock, QualityItemRepository items,
                       AnnotationProcessor annotations) {
        this.inbox = inbox;
        this.projectLock = projectLock;
        this.items = items;
        this.annotations = annotations;
    }

    /**
     * Records the item. Its labels may have overtaken it on the other topic and been judged by the project's k;
     * then the item is decided again by its own. The caller passes the result to
     * {@link AnnotationProcessor#followUp} once this transaction has committed.
     */
    @Transactional
    public AnnotationProcessor.Effects ingested(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(CONSUMER, eventId)) {
            return AnnotationProcessor.Effects.none();
        }
        EventChecks.require(item.itemId(), "itemId");
        EventChecks.require(item.projectId(), "projectId");
        projectLock.shared(item.projectId());
        ItemRow row = items.lock(item.itemId(), item.projectId());
        boolean gold = row.gold() || item.kind() == ItemKind.GOLD;
        if (item.kind() == ItemKind.GOLD) {
            items.markGold(item.itemId(), null);
        }
        if (Objects.equals(row.annotatorsPerItem(), item.annotatorsPerItem())) {
            return AnnotationProcessor.Effects.none();
        }
        items.saveAnnotatorsPerItem(item.itemId(), item.annotatorsPerItem());
        // gold items are never decided, and an item nobody labeled yet has nothing to judge again
        boolean judgedAlready = row.labelCount() > 0 || row.decision() != null;
        if (gold || !judgedAlready) {
            return AnnotationProcessor.Effects.none();
        }
        return annotations.ownOverlapArrived(item.itemId(), item.projectId(), row.annotatorsPerItem());
    }
}
