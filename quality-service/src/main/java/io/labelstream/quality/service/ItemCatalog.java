package io.labelstream.quality.service;

import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.JournalStep;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.StepJournal;
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
    private final StepJournal journal;
    private final QualitySteps steps;
    private final StepPublisher publisher;

    public ItemCatalog(Inbox inbox, ProjectLock projectLock, QualityItemRepository items, StepJournal journal,
                       QualitySteps steps, StepPublisher publisher) {
        this.inbox = inbox;
        this.projectLock = projectLock;
        this.items = items;
        this.journal = journal;
        this.steps = steps;
        this.publisher = publisher;
    }

    /**
     * Records the item. Its labels may have overtaken it on the other topic and been judged by the project's k;
     * then the item is decided again by its own. A change is a journalled step: whether the item is gold and
     * which k it has decide how its later labels are judged. The caller passes the result to
     * {@link QuarantineFollowUp#afterCommit} once this transaction has committed.
     */
    @Transactional
    public StepEffects ingested(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(CONSUMER, eventId)) {
            return StepEffects.none();
        }
        EventChecks.require(item.itemId(), "itemId");
        EventChecks.require(item.projectId(), "projectId");
        projectLock.shared(item.projectId());
        boolean gold = item.kind() == ItemKind.GOLD;
        StepInputs inputs = StepInputs.live();
        StepEffects effects = apply(item.itemId(), item.projectId(), gold, item.annotatorsPerItem(),
                inputs);
        if (item.pilot()) {
            // read by calibration only, never by a step: a rebuild keeps it like the item itself
            items.markPilot(item.itemId());
        }
        if (effects.changedState()) {
            journal.record(item.projectId(), JournalStep.item(item.itemId(), gold, item.annotatorsPerItem(),
                    inputs.projectMedianSeconds()));
        }
        publisher.publish(effects);
        return effects;
    }

    /**
     * Makes the item gold and gives it its own k (null: the project's), without inbox, journal or publishing; the
     * live path and a rebuild. An item already judged by another k is assessed again.
     *
     * @return no change when the item already was so
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects apply(UUID itemId, UUID projectId, boolean gold, Integer annotatorsPerItem,
                                             StepInputs inputs) {
        ItemRow row = items.lock(itemId, projectId);
        boolean becomesGold = gold && !row.gold();
        if (becomesGold) {
            items.markGold(itemId, null);
        }
        if (Objects.equals(row.annotatorsPerItem(), annotatorsPerItem)) {
            return becomesGold ? StepEffects.stateChanged() : StepEffects.none();
        }
        items.saveAnnotatorsPerItem(itemId, annotatorsPerItem);
        // gold items are never decided, and an item nobody labeled yet has nothing to judge again
        boolean judgedAlready = row.labelCount() > 0 || row.decision() != null;
        if (row.gold() || gold || !judgedAlready) {
            return StepEffects.stateChanged();
        }
        StepEffects reassessed = steps.ownOverlapArrived(itemId, projectId,
                row.annotatorsPerItem(), inputs);
        return reassessed.changedState() ? reassessed : StepEffects.stateChanged();
    }
}
