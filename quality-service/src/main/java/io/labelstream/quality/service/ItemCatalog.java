package io.labelstream.quality.service;

import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.quality.repository.QualityItemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Records the items of each project and which of them are gold. */
@ApplicationScoped
public class ItemCatalog {

    static final String CONSUMER = "quality-service.items";

    private final Inbox inbox;
    private final ProjectLock projectLock;
    private final QualityItemRepository items;

    public ItemCatalog(Inbox inbox, ProjectLock projectLock, QualityItemRepository items) {
        this.inbox = inbox;
        this.projectLock = projectLock;
        this.items = items;
    }

    @Transactional
    public void ingested(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(CONSUMER, eventId)) {
            return;
        }
        EventChecks.require(item.itemId(), "itemId");
        EventChecks.require(item.projectId(), "projectId");
        projectLock.shared(item.projectId());
        items.lock(item.itemId(), item.projectId());
        if (item.kind() == ItemKind.GOLD) {
            items.markGold(item.itemId(), null);
        }
    }
}
