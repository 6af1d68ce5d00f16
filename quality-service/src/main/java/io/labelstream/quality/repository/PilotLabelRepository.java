package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The categorical labels of a project's pilot items, for calibration; read off the event path. */
@ApplicationScoped
public class PilotLabelRepository {

    /**
     * One label of a pilot item.
     *
     * @param guidelineVersion the version its annotator followed; null for labels stored before versions were kept
     * @param goldScore        agreement with the reference answer when the pilot item is a gold item
     */
    public record PilotLabel(UUID itemId, String annotatorId, String category, Integer guidelineVersion,
                             Double goldScore) {
    }

    private final AgroalDataSource dataSource;

    public PilotLabelRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<PilotLabel> ofProject(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("""
                     select l.item_id, l.annotator_id, l.category, l.guideline_version, l.gold_score
                     from quality_item i join quality_label l on l.item_id = i.item_id
                     where i.project_id = ? and i.pilot and l.category is not null
                     order by l.item_id, l.submitted_at, l.annotation_id""")) {
            select.setObject(1, projectId);
            List<PilotLabel> labels = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    labels.add(new PilotLabel(row.getObject(1, UUID.class), row.getString(2), row.getString(3),
                            (Integer) row.getObject(4), Columns.nullableDouble(row, "gold_score")));
                }
            }
            return labels;
        } catch (SQLException e) {
            throw Jdbc.failure("reading the pilot labels of project " + projectId, e);
        }
    }

    /** Projects whose pilot is running: their verdict is kept up to date. */
    public List<UUID> projectsInPilot() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "select project_id from project_view where state = 'PILOT' order by project_id")) {
            return Columns.uuids(select);
        } catch (SQLException e) {
            throw Jdbc.failure("listing projects in pilot", e);
        }
    }
}
