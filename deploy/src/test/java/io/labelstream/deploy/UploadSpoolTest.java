package io.labelstream.deploy;

import static io.labelstream.deploy.DeployManifestsTest.REPOSITORY;
import static io.labelstream.deploy.DeployManifestsTest.effectiveEnv;
import static io.labelstream.deploy.DeployManifestsTest.firstContainer;
import static io.labelstream.deploy.DeployManifestsTest.ofKind;
import static io.labelstream.deploy.DeployManifestsTest.render;
import static io.labelstream.deploy.Yamls.id;
import static io.labelstream.deploy.Yamls.mapAt;
import static io.labelstream.deploy.Yamls.mapsAt;
import static io.labelstream.deploy.Yamls.name;
import static io.labelstream.deploy.Yamls.stringAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Upload bodies (up to the 20 GB body limit) must survive restarts and scale-outs of ingestion-service, so
 * they are spooled in its database, never on a pod's disk: no volume of an ingestion pod is sized or meant
 * for them, nothing points the spool at the JVM's temporary directory, and the ownership lease lets a
 * restarted or scaled-in pod's jobs move to a live one.
 */
class UploadSpoolTest {

    private static final String INGESTION = "ingestion-service";
    /** Scratch space of the JVM and Vert.x: far below one large upload, so it cannot be mistaken for a spool. */
    private static final long MAX_SCRATCH_BYTES = 64L * 1024 * 1024;

    static Stream<String> kustomizations() {
        return DeployManifestsTest.kustomizations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void ingestionPodsKeepNoUploadBodiesOnTheirDisk(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        List<Map<String, Object>> workloads = new ArrayList<>(ofKind(resources, "Deployment"));
        workloads.addAll(ofKind(resources, "StatefulSet"));
        workloads.removeIf(w -> !INGESTION.equals(name(w)));
        assertThat(workloads).as("workloads of %s", INGESTION).hasSize(1);
        Map<String, Object> workload = workloads.get(0);
        Map<String, Object> pod = mapAt(workload, "spec", "template", "spec");
        for (Map<String, Object> volume : mapsAt(pod, "volumes")) {
            String where = id(workload) + " volume " + stringAt(volume, "name");
            if (volume.containsKey("persistentVolumeClaim") || volume.containsKey("ephemeral")) {
                violations.add(where + " is a disk of the pod's own: uploads are spooled in the database");
            }
            if (volume.containsKey("emptyDir")) {
                Long limit = RolloutReadinessTest.memoryBytes(stringAt(volume, "emptyDir", "sizeLimit"));
                if (limit == null || limit > MAX_SCRATCH_BYTES) {
                    violations.add(where + " is an emptyDir of " + stringAt(volume, "emptyDir", "sizeLimit")
                            + ": scratch needs at most " + MAX_SCRATCH_BYTES / 1024 / 1024
                            + " MiB, and upload bodies do not belong on the pod's disk");
                }
            }
        }
        if (!mapsAt(workload, "spec", "volumeClaimTemplates").isEmpty()) {
            violations.add(id(workload) + " claims a volume per replica: uploads are spooled in the database");
        }
        Map<String, DeployManifestsTest.Env> env = effectiveEnv(resources, firstContainer(pod));
        env.keySet().stream().filter(name -> name.contains("SPOOL"))
                .forEach(name -> violations.add(id(workload) + " sets " + name + ": there is no spool directory"));
        DeployManifestsTest.Env heartbeat = env.get("LABELSTREAM_UPLOAD_HEARTBEAT");
        DeployManifestsTest.Env lease = env.get("LABELSTREAM_UPLOAD_LEASE");
        if (heartbeat != null && lease != null
                && Duration.parse("PT" + lease.value()).compareTo(Duration.parse("PT" + heartbeat.value()).multipliedBy(3)) < 0) {
            violations.add(id(workload) + " sets an upload lease of " + lease.value() + " under three heartbeats of "
                    + heartbeat.value() + ": the service refuses to start");
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void ingestionSpoolsUploadBodiesInItsDatabase() throws IOException {
        Path service = REPOSITORY.resolve(INGESTION).resolve("src/main/resources");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(service.resolve("application.properties"))) {
            properties.load(reader);
        }
        List<String> violations = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key);
            if (value.contains("java.io.tmpdir") || key.contains("spool")) {
                violations.add(key + "=" + value + " keeps data on the pod's disk, which a restart or scale-in loses");
            }
        }
        assertThat(violations).isEmpty();
        try (Stream<Path> migrations = Files.list(service.resolve("db/migration"))) {
            assertThat(migrations.filter(m -> {
                try {
                    return Files.readString(m).contains("create table upload_spool_chunk");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            })).as("a migration that creates the database spool").hasSize(1);
        }
    }
}
