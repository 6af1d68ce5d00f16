package io.labelstream.deploy;

import static io.labelstream.deploy.DeployManifestsTest.effectiveEnv;
import static io.labelstream.deploy.DeployManifestsTest.firstContainer;
import static io.labelstream.deploy.DeployManifestsTest.ofKind;
import static io.labelstream.deploy.DeployManifestsTest.workloads;
import static io.labelstream.deploy.DeployManifestsTest.render;
import static io.labelstream.deploy.DeployManifestsTest.topicName;
import static io.labelstream.deploy.Yamls.at;
import static io.labelstream.deploy.Yamls.id;
import static io.labelstream.deploy.Yamls.longAt;
import static io.labelstream.deploy.Yamls.mapAt;
import static io.labelstream.deploy.Yamls.mapsAt;
import static io.labelstream.deploy.Yamls.name;
import static io.labelstream.deploy.Yamls.stringAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a production rollout runs into beyond well-formed manifests: data retention, memory, node drains,
 * autoscaling against Kafka's committed offsets, re-applying changed configuration, and the token issuer.
 */
class RolloutReadinessTest {

    private static final long MIB = 1024L * 1024;
    /** The heap the services were measured with (docs/benchmarks.md): no container may give less. */
    private static final long MIN_HEAP = 384 * MIB;
    /** Metaspace, thread stacks, direct buffers and code cache of a Quarkus service. */
    private static final long MIN_NON_HEAP = 128 * MIB;
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)");
    /**
     * SmallRye's default commit strategy (throttled) commits the processed offsets every
     * {@code auto.commit.interval.ms}, 5 s by default; no service overrides it.
     */
    private static final long COMMIT_INTERVAL_SECONDS = 5;
    /** A replica that keeps up processes at least this many records per second of a topic. */
    private static final long RECORDS_PER_SECOND_PER_REPLICA = 400;
    private static final String IDENTITY_SECRET = "labelstream-jwt-public-key";

    static Stream<String> kustomizations() {
        return DeployManifestsTest.kustomizations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void eventLogsAreKeptForRebuildsAndLateConsumers(String kustomization) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> topic : ofKind(render(kustomization), "KafkaTopic")) {
            String name = topicName(topic);
            String cleanup = Objects.toString(at(topic, "spec", "config", "cleanup.policy"), "delete");
            if (name.endsWith(Design.DLQ_SUFFIX) || cleanup.contains("compact")) {
                continue;
            }
            Long retention = longAt(topic, "spec", "config", "retention.ms");
            if (!Objects.equals(retention, -1L)) {
                violations.add("KafkaTopic " + name + " deletes records after retention.ms " + retention
                        + ": quality's rebuild and consumer groups started later read it from the beginning");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyJvmGetsTheHeapItWasMeasuredWith(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> workload : workloads(resources)) {
            Map<String, Object> container = firstContainer(mapAt(workload, "spec", "template", "spec"));
            String where = id(workload);
            Long limit = memoryBytes(stringAt(container, "resources", "limits", "memory"));
            if (limit == null) {
                violations.add(where + " sets no memory limit");
                continue;
            }
            DeployManifestsTest.Env options = effectiveEnv(resources, container).get("JAVA_TOOL_OPTIONS");
            Matcher percentage = options == null || options.value() == null ? null
                    : MAX_RAM_PERCENTAGE.matcher(options.value());
            if (percentage == null || !percentage.find()) {
                violations.add(where + " leaves the heap at the JVM's default of 25% of its " + limit / MIB
                        + " MiB limit (set -XX:MaxRAMPercentage in JAVA_TOOL_OPTIONS)");
                continue;
            }
            long heap = (long) (limit * Double.parseDouble(percentage.group(1)) / 100);
            if (heap < MIN_HEAP) {
                violations.add(where + " gets a heap of " + heap / MIB + " MiB, below " + MIN_HEAP / MIB + " MiB");
            }
            if (limit - heap < MIN_NON_HEAP) {
                violations.add(where + " leaves " + (limit - heap) / MIB + " MiB outside the heap, below "
                        + MIN_NON_HEAP / MIB + " MiB (the pod would be OOM-killed)");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void singleInstanceDatabasesDoNotBlockNodeDrains(String kustomization) {
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> cluster : ofKind(render(kustomization), "Cluster")) {
            long instances = Objects.requireNonNullElse(longAt(cluster, "spec", "instances"), 1L);
            boolean pdb = !Boolean.FALSE.equals(at(cluster, "spec", "enablePDB"));
            if (instances == 1 && pdb) {
                violations.add(id(cluster) + " has one instance and a PodDisruptionBudget: every node drain blocks");
            }
            if (instances > 1 && !pdb) {
                violations.add(id(cluster) + " has " + instances + " instances but no PodDisruptionBudget");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void noConsumerSitsIdleAtTheReplicaCap(String kustomization) throws IOException {
        List<Map<String, Object>> resources = render(kustomization);
        Map<String, Long> partitions = new TreeMap<>();
        ofKind(resources, "KafkaTopic").forEach(t -> partitions.put(topicName(t), longAt(t, "spec", "partitions")));
        List<String> violations = new ArrayList<>();
        for (MessagingConfig config : MessagingConfig.scan(DeployManifestsTest.REPOSITORY)) {
            Map<String, Object> deployment = ofKind(resources, "Deployment").stream()
                    .filter(d -> config.service().equals(name(d))).findFirst().orElse(null);
            Map<String, Object> scaledObject = ofKind(resources, "ScaledObject").stream()
                    .filter(so -> config.service().equals(stringAt(so, "spec", "scaleTargetRef", "name")))
                    .findFirst().orElse(null);
            if (deployment == null || scaledObject == null) {
                continue; // DeployManifestsTest reports missing Deployments and ScaledObjects
            }
            long maxReplicas = Objects.requireNonNullElse(longAt(scaledObject, "spec", "maxReplicaCount"), 100L);
            Map<String, String> environment = new HashMap<>();
            effectiveEnv(resources, firstContainer(mapAt(deployment, "spec", "template", "spec")))
                    .forEach((key, value) -> {
                        if (value.value() != null) {
                            environment.put(key, value.value());
                        }
                    });
            for (MessagingConfig.Channel channel : config.incoming()) {
                int perPod = config.consumersPerInstance(channel.name(), environment);
                Long topicPartitions = partitions.get(channel.topic());
                if (topicPartitions != null && maxReplicas * perPod > topicPartitions) {
                    violations.add(config.service() + " runs " + perPod + " consumer(s) of " + channel.topic()
                            + " per pod at up to " + maxReplicas + " pods: " + maxReplicas * perPod
                            + " consumers for " + topicPartitions + " partitions");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void lagThresholdsLookPastTheCommitInterval(String kustomization) {
        long minimum = COMMIT_INTERVAL_SECONDS * RECORDS_PER_SECOND_PER_REPLICA;
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> so : ofKind(render(kustomization), "ScaledObject")) {
            for (Map<String, Object> trigger : mapsAt(so, "spec", "triggers")) {
                if (!"kafka".equals(trigger.get("type"))) {
                    continue;
                }
                Long threshold = longAt(trigger, "metadata", "lagThreshold");
                if (threshold == null || threshold < minimum) {
                    violations.add(id(so) + " scales on a lag of " + threshold + " records of "
                            + stringAt(trigger, "metadata", "topic") + ", less than what a replica that keeps up"
                            + " leaves uncommitted in one commit interval (" + minimum + ")");
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void aChangedSettingRollsTheDeploymentsButLeavesTheImmutableJobsAlone(String kustomization,
            @TempDir Path copy) throws IOException {
        copyTree(DeployManifestsTest.K8S, copy);
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path envFile : files.filter(p -> p.toString().endsWith(".env")).toList()) {
                Files.writeString(envFile, "\nLABELSTREAM_CHANGED_SETTING=1\n", StandardOpenOption.APPEND);
            }
        }
        List<Map<String, Object>> before = render(kustomization);
        List<Map<String, Object>> after = ManifestRenderer.render(copy.resolve(kustomization));
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> job : ofKind(before, "Job")) {
            Map<String, Object> changed = ofKind(after, "Job").stream()
                    .filter(j -> name(job).equals(name(j))).findFirst().orElseThrow();
            if (!Objects.equals(at(job, "spec", "template"), at(changed, "spec", "template"))) {
                violations.add(id(job) + ": a changed setting changes its (immutable) pod template, so"
                        + " `kubectl apply` would fail");
            }
            boolean seesChange = ofKind(after, "ConfigMap").stream()
                    .filter(cm -> mapsAt(firstContainer(mapAt(changed, "spec", "template", "spec")), "envFrom")
                            .stream().anyMatch(from -> name(cm).equals(stringAt(from, "configMapRef", "name"))))
                    .anyMatch(cm -> mapAt(cm, "data").containsKey("LABELSTREAM_CHANGED_SETTING"));
            if (!seesChange) {
                violations.add(id(job) + " does not read the changed setting");
            }
        }
        for (Map<String, Object> deployment : ofKind(before, "Deployment")) {
            Map<String, Object> changed = ofKind(after, "Deployment").stream()
                    .filter(d -> name(deployment).equals(name(d))).findFirst().orElseThrow();
            if (Objects.equals(at(deployment, "spec", "template"), at(changed, "spec", "template"))) {
                violations.add(id(deployment) + " is not rolled out when a setting changes");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void theTokenIssuerComesFromTheIdentityProviderSecret(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> workload : workloads(resources)) {
            Map<String, Object> container = firstContainer(mapAt(workload, "spec", "template", "spec"));
            DeployManifestsTest.Env issuer = effectiveEnv(resources, container).get("MP_JWT_VERIFY_ISSUER");
            if (issuer == null || !IDENTITY_SECRET.equals(issuer.secret()) || !"issuer".equals(issuer.secretKey())) {
                violations.add(id(workload) + " takes MP_JWT_VERIFY_ISSUER from " + issuer + ", not from the key"
                        + " 'issuer' of the Secret " + IDENTITY_SECRET + " the operator creates with the public key");
            }
        }
        for (Map<String, Object> configMap : ofKind(resources, "ConfigMap")) {
            if (mapAt(configMap, "data").containsKey("MP_JWT_VERIFY_ISSUER")) {
                violations.add(id(configMap) + " carries a committed (placeholder) issuer");
            }
        }
        assertThat(violations).isEmpty();
    }


    /** Bytes of a Kubernetes memory quantity in the binary (Ki, Mi, Gi) or plain form, or null. */
    static Long memoryBytes(String quantity) {
        if (quantity == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("(\\d+)(Ki|Mi|Gi)?").matcher(quantity.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unsupported memory quantity " + quantity);
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (Objects.requireNonNullElse(matcher.group(2), "")) {
            case "Ki" -> value * 1024;
            case "Mi" -> value * MIB;
            case "Gi" -> value * 1024 * MIB;
            default -> value;
        };
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
