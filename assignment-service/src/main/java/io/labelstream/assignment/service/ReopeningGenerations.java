package io.labelstream.assignment.service;

import io.labelstream.assignment.repository.PoolReopeningRepository;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Moves every pool's reopening floor on by one generation, so that a floor set by an item reopened long ago
 * no longer sends claims back to it (see ClaimCursor). Every replica may run it: two advances in a row only
 * make older cursors walk from the head of the pool once, which is always correct.
 */
@ApplicationScoped
public class ReopeningGenerations {

    private final PoolReopeningRepository reopenings;

    public ReopeningGenerations(PoolReopeningRepository reopenings) {
        this.reopenings = reopenings;
    }

    @Scheduled(every = "${labelstream.assignment.cursor-generation:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void advance() {
        reopenings.nextGeneration();
    }
}
