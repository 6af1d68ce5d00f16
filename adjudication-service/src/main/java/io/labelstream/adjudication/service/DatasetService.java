package io.labelstream.adjudication.service;

import io.labelstream.adjudication.config.AdjudicationConfig;
import io.labelstream.adjudication.domain.DatasetRelease;
import io.labelstream.adjudication.domain.ExportFilter;
import io.labelstream.adjudication.repository.DatasetRepository;
import io.labelstream.adjudication.repository.ReleaseRepository;
import io.labelstream.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/** Dataset exports of the current gold set and immutable named releases. */
@ApplicationScoped
public class DatasetService {

    private final DatasetRepository datasets;
    private final ReleaseRepository releases;
    private final AdjudicationConfig config;
    private final Clock clock = Clock.systemUTC();

    public DatasetService(DatasetRepository datasets, ReleaseRepository releases, AdjudicationConfig config) {
        this.datasets = datasets;
        this.releases = releases;
        this.config = config;
    }

    public long exportCurrent(UUID projectId, ExportFilter filter, OutputStream out) {
        return datasets.writeCurrent(projectId, filter, out);
    }

    /**
     * Snapshots the current gold rows (item, version) and fingerprints the bytes a download will serve,
     * in one transaction: the release is complete or absent. Versions are immutable, so later
     * corrections add versions and never change what the release points at.
     */
    public DatasetRelease createRelease(UUID projectId, String name, String description, ExportFilter filter,
                                        String createdBy) {
        return QuarkusTransaction.requiringNew().timeout((int) config.exportTimeout().toSeconds()).call(() -> {
            if (releases.exists(projectId, name)) {
                throw ProblemException.conflict("release '" + name + "' of project " + projectId + " already exists");
            }
            UUID releaseId = UUID.randomUUID();
            Instant now = Instant.now(clock);
            datasets.snapshot(releaseId, projectId, filter);
            MessageDigest sha256 = sha256();
            long count;
            try (DigestOutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha256)) {
                count = datasets.writeRelease(releaseId, digest);
            }
            DatasetRelease release = new DatasetRelease(releaseId, projectId, name, description, createdBy, now, count,
                    HexFormat.of().formatHex(sha256.digest()), releases.versionCounts(releaseId));
            releases.save(release);
            return release;
        });
    }

    public DatasetRelease release(UUID projectId, String name) {
        return releases.find(projectId, name)
                .orElseThrow(() -> ProblemException.notFound("release '" + name + "' of project " + projectId));
    }

    public List<DatasetRelease> releases(UUID projectId) {
        return releases.list(projectId);
    }

    public long downloadRelease(DatasetRelease release, OutputStream out) {
        return datasets.writeRelease(release.releaseId(), out);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
