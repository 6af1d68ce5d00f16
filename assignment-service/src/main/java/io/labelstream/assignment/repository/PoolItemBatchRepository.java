package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/**
 * The pool_item rows of a poll batch, each statement for all of them: rows are locked in item order, the order
 * every path that holds several item rows takes them in, so batches and lease expiries over the same items
 * wait for one another instead of deadlocking.
 */
@ApplicationScoped
public class PoolItemBatchRepository {

    private static final String LOCK = "select item_id from pool_item where item_id = any(?) order by item_id for update";
    private static final String CLOSE = """
            with locked as (
                select item_id from pool_item where item_id = any(?) and not closed order by item_id for update)
            update pool_item p set closed = true from locked l where p.item_id = l.item_id""";

    private final AgroalDataSource dataSource;

    public PoolItemBatchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Locks the items (those that exist) in item order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Collection<UUID> itemIds) {
        if (!itemIds.isEmpty()) {
            run(LOCK, itemIds, "locking");
        }
    }

    /** Closes the items that are still open: none of them is served again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void close(Collection<UUID> itemIds) {
        if (!itemIds.isEmpty()) {
            run(CLOSE, itemIds, "closing");
        }
    }

    private void run(String sql, Collection<UUID> itemIds, String doing) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", itemIds.stream().distinct().toArray()));
            s.execute();
        } catch (SQLException e) {
            throw Jdbc.failure(doing + " " + itemIds.size() + " items", e);
        }
    }
}
