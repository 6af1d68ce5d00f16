package io.labelstream.assignment.service;

import io.labelstream.assignment.domain.PoolRank;
import io.labelstream.assignment.domain.Reranking;
import io.labelstream.assignment.repository.PoolItemBatchRepository;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The learner's predictions (about one per answer), a poll batch in one transaction: one inbox statement, the
 * batch's items locked in item order with their arrival and rank read in one statement, then every rank written
 * in one statement. Each item ends as {@link TaskPoolUpdates#onPrediction} applied to its predictions one at a
 * time would leave it, its reopenings counted alike.
 */
@ApplicationScoped
public class PredictionBatchUpdates {

    private final Inbox inbox;
    private final PoolItemBatchRepository items;
    private final TaskPoolUpdates updates;

    public PredictionBatchUpdates(Inbox inbox, PoolItemBatchRepository items, TaskPoolUpdates updates) {
        this.inbox = inbox;
        this.items = items;
        this.updates = updates;
    }

    @Transactional
    public void onPredictions(List<Delivered<ModelPrediction>> deliveries) {
        List<ModelPrediction> fresh = FirstDeliveries.of(inbox, TaskPoolUpdates.PREDICTIONS, deliveries).stream()
                .map(Delivered::event).toList();
        Map<UUID, PoolRank> pool = items.lockRanks(fresh.stream().map(ModelPrediction::itemId).toList());
        Map<UUID, Reranking> reranked = new LinkedHashMap<>();
        for (ModelPrediction prediction : fresh) {
            PoolRank item = pool.get(prediction.itemId());
            if (item == null) {
                // not in the pool yet: the item arrives ranked by its age, as after a prediction applied alone
                continue;
            }
            Double uncertainty = updates.uncertaintyOf(prediction);
            reranked.computeIfAbsent(prediction.itemId(), id -> new Reranking(id, item.rankAt()))
                    .apply(uncertainty, updates.rankAt(prediction, uncertainty, item.ingestedAt()));
        }
        items.setRanks(reranked.values());
    }
}
