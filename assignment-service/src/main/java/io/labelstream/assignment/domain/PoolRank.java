package io.labelstream.assignment.domain;

import java.time.Instant;

/** An item's place in the pool: when it arrived, and the rank it holds now (its arrival, or earlier by its uncertainty). */
public record PoolRank(Instant ingestedAt, Instant rankAt) {
}
