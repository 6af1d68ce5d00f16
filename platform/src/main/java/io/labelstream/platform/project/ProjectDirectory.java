package io.labelstream.platform.project;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's own copy of the projects it serves, kept from {@code labeling.projects}. Reads are cached
 * for a moment: a request path asks for its project many times a second, and a change that another
 * replica applied is seen within {@link #CACHE_TTL}. A change this instance applies is read back at once: its
 * project is cached when the change commits, and a read that loaded the row before that commit cannot put its
 * older revision in its place.
 */
@ApplicationScoped
public class ProjectDirectory {

    static final Duration CACHE_TTL = Duration.ofSeconds(2);

    private static final String UPSERT = """
            insert into project_view (project_id, revision, state, schema_version, document, updated_at)
            values (?, ?, ?, ?, cast(? as jsonb), now())
            on conflict (project_id) do update set revision = excluded.revision, state = excluded.state,
                schema_version = excluded.schema_version, document = excluded.document, updated_at = now()
            where project_view.revision < excluded.revision""";
    private static final String CLEAR_MEMBERS = "delete from project_member where project_id = ?";
    private static final String ADD_MEMBER =
            "insert into project_member (project_id, user_id, role, pilot) values (?, ?, ?, ?) on conflict do nothing";
    private static final String FIND = "select document from project_view where project_id = ?";
    private static final String IS_MEMBER =
            "select 1 from project_member where project_id = ? and user_id = ? and role = ?";

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final ConcurrentHashMap<UUID, Cached> cache = new ConcurrentHashMap<>();

    public ProjectDirectory(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions) {
        this.dataSource = dataSource;
        this.transactions = transactions;
    }

    /** Stores the project unless a newer revision is already stored; returns whether it was applied. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(ProjectEvent project) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                upsert.setObject(1, project.projectId());
                upsert.setLong(2, project.revision());
                upsert.setString(3, project.state().name());
                upsert.setInt(4, project.schemaVersion());
                upsert.setString(5, EventCodec.mapper().writeValueAsString(project));
                if (upsert.executeUpdate() == 0) {
                    return false;
                }
            }
            try (PreparedStatement clear = connection.prepareStatement(CLEAR_MEMBERS)) {
                clear.setObject(1, project.projectId());
                clear.executeUpdate();
            }
            try (PreparedStatement add = connection.prepareStatement(ADD_MEMBER)) {
                for (ProjectMember member : project.members()) {
                    add.setObject(1, project.projectId());
                    add.setString(2, member.userId());
                    add.setString(3, member.role().name());
                    add.setBoolean(4, member.pilot());
                    add.addBatch();
                }
                add.executeBatch();
            }
            cache.remove(project.projectId());
            cacheOnCommit(project);
            return true;
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("project " + project.projectId() + " could not be stored", e);
        }
    }

    public Optional<ProjectEvent> find(UUID projectId) {
        Cached cached = cache.get(projectId);
        if (cached != null && cached.until().isAfter(Instant.now())) {
            return Optional.of(cached.project());
        }
        Optional<ProjectEvent> loaded = load(projectId);
        loaded.ifPresent(this::cache);
        return loaded;
    }

    public boolean isMember(UUID projectId, String userId, ProjectRole role) {
        return find(projectId)
                .map(p -> p.members().stream().anyMatch(m -> m.userId().equals(userId) && m.role() == role))
                .orElse(false);
    }

    private Optional<ProjectEvent> load(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setObject(1, projectId);
            try (ResultSet result = find.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                return Optional.of(EventCodec.mapper().readValue(result.getString(1), ProjectEvent.class));
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("project " + projectId + " could not be read", e);
        }
    }

    /** Forgets cached reads, e.g. after this instance changed a project itself. */
    public void evict(UUID projectId) {
        cache.remove(projectId);
    }

    /**
     * Caches the project once its transaction commits. Until then the cache may hold the revision before it, which
     * a concurrent read loaded; it is replaced here, so that the caller's next read sees its own change.
     */
    private void cacheOnCommit(ProjectEvent project) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    cache(project);
                }
            }
        });
    }

    /** Caches the project unless a later revision of it is cached: a read that began before a commit may end after it. */
    private void cache(ProjectEvent project) {
        Cached fresh = new Cached(project, Instant.now().plus(CACHE_TTL));
        cache.merge(project.projectId(), fresh,
                (held, loaded) -> held.project().revision() > loaded.project().revision() ? held : loaded);
    }

    private record Cached(ProjectEvent project, Instant until) {
    }
}
