package io.labelstream.deploy;

import static io.labelstream.deploy.Yamls.apiGroup;
import static io.labelstream.deploy.Yamls.asMap;
import static io.labelstream.deploy.Yamls.at;
import static io.labelstream.deploy.Yamls.id;
import static io.labelstream.deploy.Yamls.kind;
import static io.labelstream.deploy.Yamls.listAt;
import static io.labelstream.deploy.Yamls.longAt;
import static io.labelstream.deploy.Yamls.mapAt;
import static io.labelstream.deploy.Yamls.mapsAt;
import static io.labelstream.deploy.Yamls.name;
import static io.labelstream.deploy.Yamls.selects;
import static io.labelstream.deploy.Yamls.stringAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Offline checks of the Kubernetes manifests under {@code k8s/}: every kustomization (base and overlays) is
 * rendered and checked against the services' messaging configuration (their application.properties, or the
 * design contract in {@link Design} for services that have none yet).
 */
class DeployManifestsTest {

    static final Path MODULE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().normalize();
    static final Path K8S = MODULE.resolve("k8s");
    static final Path REPOSITORY = MODULE.getParent();

    private static final Set<String> DEPRECATED_KUSTOMIZE_FIELDS = Set.of(
            "bases", "commonLabels", "patchesStrategicMerge", "patchesJson6902", "vars", "imageTags");
    private static final long FOURTEEN_DAYS_MS = 14L * 24 * 3600 * 1000;
    private static final Pattern JDBC_URL = Pattern.compile(
            "jdbc:postgresql://([a-z0-9-]+)-rw(?:\\.[a-z0-9.-]+)?:5432/([A-Za-z0-9_]+)\\?(?:.*&)?currentSchema=([A-Za-z0-9_]+)(?:&.*)?");

    /** One consumer group: the service that runs it and the topics it consumes. */
    record ConsumerGroup(String service, String group, Set<String> topics, String source) {
    }

    private static List<MessagingConfig> configs;
    private static List<ConsumerGroup> consumerGroups;
    private static Set<String> expectedTopics;
    private static Set<String> services;

    static Stream<String> kustomizations() {
        return Stream.of("base", "overlays/dev", "overlays/prod");
    }

    @BeforeAll
    static void readMessagingConfiguration() throws IOException {
        configs = MessagingConfig.scan(REPOSITORY);
        Map<String, MessagingConfig> byService = new TreeMap<>();
        configs.forEach(c -> byService.put(c.service(), c));

        services = new TreeSet<>(Design.CONSUMES.keySet());
        consumerGroups = new ArrayList<>();
        expectedTopics = new TreeSet<>(Design.TOPICS);
        expectedTopics.addAll(Design.deadLetterTopics());

        Set<String> all = new TreeSet<>(Design.CONSUMES.keySet());
        all.addAll(byService.keySet());
        for (String service : all) {
            MessagingConfig config = byService.get(service);
            if (config != null && !config.incoming().isEmpty()) {
                services.add(service);
                Map<String, Set<String>> topicsByGroup = new TreeMap<>();
                for (MessagingConfig.Channel channel : config.incoming()) {
                    topicsByGroup.computeIfAbsent(Objects.requireNonNullElse(channel.groupId(), "<no group.id>"),
                            g -> new TreeSet<>()).add(channel.topic());
                }
                topicsByGroup.forEach((group, topics) -> consumerGroups.add(
                        new ConsumerGroup(service, group, topics, REPOSITORY.relativize(config.file()).toString())));
            } else if (Design.CONSUMES.containsKey(service)) {
                consumerGroups.add(new ConsumerGroup(service, service,
                        new TreeSet<>(Design.CONSUMES.get(service)), "design contract"));
            }
            if (config != null) {
                for (MessagingConfig.Channel channel : config.channels()) {
                    expectedTopics.add(channel.topic());
                    if (channel.deadLetterTopic() != null) {
                        expectedTopics.add(channel.deadLetterTopic());
                    }
                }
            }
        }
        System.out.println("[deploy] consumer groups checked:");
        consumerGroups.forEach(g -> System.out.println("[deploy]   " + g.group() + " (" + g.service() + ") <- "
                + g.topics() + " [" + g.source() + "]"));
    }

    static List<Map<String, Object>> render(String kustomization) {
        return ManifestRenderer.render(K8S.resolve(kustomization));
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> resources, String kind) {
        return resources.stream().filter(r -> kind.equals(kind(r))).toList();
    }

    /** Every resource that runs pods: Deployments, StatefulSets and Jobs. */
    static List<Map<String, Object>> workloads(List<Map<String, Object>> resources) {
        List<Map<String, Object>> workloads = new ArrayList<>(ofKind(resources, "Deployment"));
        workloads.addAll(ofKind(resources, "StatefulSet"));
        workloads.addAll(ofKind(resources, "Job"));
        return workloads;
    }

    // ---- conventions of the services themselves ---------------------------------------------------------

    @Test
    void servicesFollowTheMessagingConventions() {
        List<String> violations = new ArrayList<>();
        if (configs.isEmpty()) {
            System.out.println("[deploy] no *-service/" + MessagingConfig.PROPERTIES + " found yet; using the design contract");
        }
        for (MessagingConfig config : configs) {
            Set<String> groups = new TreeSet<>();
            for (MessagingConfig.Channel channel : config.incoming()) {
                String where = config.service() + " incoming channel '" + channel.name() + "'";
                if (channel.groupId() == null) {
                    violations.add(where + " sets no group.id (expected " + config.service() + ")");
                } else {
                    groups.add(channel.groupId());
                    if (!channel.groupId().equals(config.service())) {
                        violations.add(where + " uses consumer group '" + channel.groupId()
                                + "', expected the service name '" + config.service() + "'");
                    }
                }
                if (!Objects.equals(channel.deadLetterTopic(), channel.topic() + Design.DLQ_SUFFIX)) {
                    violations.add(where + " (topic " + channel.topic() + ") has dead-letter-queue.topic "
                            + channel.deadLetterTopic() + ", expected " + channel.topic() + Design.DLQ_SUFFIX);
                }
            }
            if (groups.size() > 1) {
                violations.add(config.service() + " uses more than one consumer group: " + groups);
            }
        }
        assertThat(violations).as("messaging conventions of the services").isEmpty();
    }

    // ---- kustomization sources ------------------------------------------------------------------------

    @Test
    void kustomizationsUseNoDeprecatedFields() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = walk.filter(p -> Set.of("kustomization.yaml", "kustomization.yml", "Kustomization")
                    .contains(p.getFileName().toString())).sorted().toList();
        }
        assertThat(files).as("kustomization files").hasSizeGreaterThanOrEqualTo(3);
        for (Path file : files) {
            Map<String, Object> kustomization = asMap(Yamls.load(Files.readString(file)));
            String where = K8S.relativize(file).toString();
            for (String field : kustomization.keySet()) {
                if (DEPRECATED_KUSTOMIZE_FIELDS.contains(field)) {
                    violations.add(where + " uses deprecated '" + field + "'");
                }
            }
            String kind = Objects.toString(kustomization.get("kind"), "");
            String apiVersion = Objects.toString(kustomization.get("apiVersion"), "");
            if (!(kind.equals("Kustomization") && apiVersion.equals("kustomize.config.k8s.io/v1beta1"))
                    && !(kind.equals("Component") && apiVersion.equals("kustomize.config.k8s.io/v1alpha1"))) {
                violations.add(where + " has kind/apiVersion " + kind + " " + apiVersion);
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void committedFilesContainNoMachinePaths() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(K8S)) {
            files = new ArrayList<>(walk.filter(Files::isRegularFile).toList());
        }
        files.add(MODULE.resolve("README.md"));
        files.add(MODULE.resolve("pom.xml"));
        for (Path file : files) {
            String text = Files.readString(file);
            // absolute paths of this checkout and of the user running the build must not leak into the manifests
            for (String machinePath : List.of(REPOSITORY.toString(), System.getProperty("user.home", ""))) {
                if (machinePath != null && machinePath.length() > 1 && text.contains(machinePath + "/")) {
                    violations.add(MODULE.relativize(file) + " contains " + machinePath);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    // ---- workloads -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyServiceHasAHardenedProbedDeployment(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        Set<String> deployments = ofKind(resources, "Deployment").stream().map(Yamls::name)
                .collect(Collectors.toCollection(TreeSet::new));
        for (String service : services) {
            if (!deployments.contains(service)) {
                violations.add("no Deployment for " + service);
            }
        }
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String where = id(deployment);
            if (at(deployment, "spec", "replicas") != null) {
                violations.add(where + " sets spec.replicas, which fights its autoscaler on every apply");
            }
            Map<String, Object> pod = mapAt(deployment, "spec", "template", "spec");
            for (Map<String, Object> container : mapsAt(pod, "containers")) {
                String c = where + " container " + stringAt(container, "name");
                checkProbe(violations, c, container, "startupProbe", "/q/health/started");
                checkProbe(violations, c, container, "readinessProbe", "/q/health/ready");
                checkProbe(violations, c, container, "livenessProbe", "/q/health/live");
            }
            checkPodHardening(violations, where, pod);
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void migrationsRunInAJobNotInTheScaledPods(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String service = name(deployment);
            Map<String, Object> deploymentPod = mapAt(deployment, "spec", "template", "spec");
            Map<String, Env> env = effectiveEnv(resources, firstContainer(deploymentPod));
            expectLiteral(violations, id(deployment), env, "QUARKUS_FLYWAY_MIGRATE_AT_START", "false");

            List<Map<String, Object>> jobs = ofKind(resources, "Job").stream()
                    .filter(job -> service.equals(stringAt(job, "metadata", "labels", "app.kubernetes.io/name")))
                    .toList();
            if (Design.WITHOUT_DATABASE.contains(service)) {
                if (!jobs.isEmpty()) {
                    violations.add(service + " owns no data but has a migration Job");
                }
                continue;
            }
            if (jobs.size() != 1) {
                violations.add(service + " needs exactly one migration Job labelled app.kubernetes.io/name="
                        + service + ", found " + jobs.size());
                continue;
            }
            Map<String, Object> job = jobs.get(0);
            Map<String, Object> jobPod = mapAt(job, "spec", "template", "spec");
            Map<String, Object> jobContainer = firstContainer(jobPod);
            Map<String, Env> jobEnv = effectiveEnv(resources, jobContainer);
            expectLiteral(violations, id(job), jobEnv, "QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
            expectLiteral(violations, id(job), jobEnv, "QUARKUS_INIT_AND_EXIT", "true");
            if (!Objects.equals(stringAt(jobContainer, "image"), stringAt(firstContainer(deploymentPod), "image"))) {
                violations.add(id(job) + " runs " + stringAt(jobContainer, "image") + " but " + id(deployment)
                        + " runs " + stringAt(firstContainer(deploymentPod), "image"));
            }
            for (String variable : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS")) {
                if (!Objects.equals(env.get(variable), jobEnv.get(variable))) {
                    violations.add(id(job) + " and " + id(deployment) + " differ in " + variable);
                }
            }
            checkPodHardening(violations, id(job), jobPod);
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void servicesAreWiredToTheirDatabaseKafkaAndSecrets(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        Set<String> clusters = ofKind(resources, "Cluster").stream()
                .filter(c -> "postgresql.cnpg.io/v1".equals(c.get("apiVersion"))).map(Yamls::name)
                .collect(Collectors.toSet());
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String service = name(deployment);
            String where = id(deployment);
            Map<String, Object> pod = mapAt(deployment, "spec", "template", "spec");
            Map<String, Object> container = firstContainer(pod);
            Map<String, Env> env = effectiveEnv(resources, container);

            expectLiteral(violations, where, env, "KAFKA_BOOTSTRAP_SERVERS", Design.KAFKA_BOOTSTRAP);
            Env url = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            Matcher jdbc = url == null || url.value() == null ? null : JDBC_URL.matcher(url.value());
            if (Design.WITHOUT_DATABASE.contains(service)) {
                if (url != null || env.containsKey("QUARKUS_DATASOURCE_USERNAME")) {
                    violations.add(where + " owns no data but is given a database");
                }
            } else if (jdbc == null || !jdbc.matches()) {
                violations.add(where + " QUARKUS_DATASOURCE_JDBC_URL " + url
                        + " is not jdbc:postgresql://<cluster>-rw:5432/<db>?currentSchema=<schema>");
            } else {
                String cluster = jdbc.group(1);
                String schema = jdbc.group(3);
                if (!schema.equals(Design.schemaOf(service))) {
                    violations.add(where + " uses schema " + schema + ", expected " + Design.schemaOf(service));
                }
                if (!clusters.contains(cluster)) {
                    violations.add(where + " connects to " + cluster + "-rw but there is no CloudNativePG Cluster " + cluster);
                } else {
                    Map<String, Object> definition = ofKind(resources, "Cluster").stream()
                            .filter(c -> cluster.equals(name(c))).findFirst().orElseThrow();
                    boolean createsSchema = listAt(definition, "spec", "bootstrap", "initdb", "postInitApplicationSQL")
                            .stream().map(String::valueOf)
                            .anyMatch(sql -> sql.matches("(?is)create schema (if not exists )?" + schema + "\\b.*"));
                    if (!createsSchema) {
                        violations.add("Cluster/" + cluster + " does not create schema " + schema + " at bootstrap");
                    }
                }
                checkConnectionBudget(violations, resources, deployment, env, cluster);
                expectSecret(violations, where, env, "QUARKUS_DATASOURCE_USERNAME", cluster + "-app", "username");
                expectSecret(violations, where, env, "QUARKUS_DATASOURCE_PASSWORD", cluster + "-app", "password");
            }

            Env keyLocation = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            if (keyLocation == null || keyLocation.value() == null) {
                violations.add(where + " does not set MP_JWT_VERIFY_PUBLICKEY_LOCATION");
            } else if (!mountedFromSecret(pod, container, keyLocation.value())) {
                violations.add(where + " MP_JWT_VERIFY_PUBLICKEY_LOCATION " + keyLocation.value()
                        + " is not inside a volume mounted from a Secret");
            }
            Env issuer = env.get("MP_JWT_VERIFY_ISSUER");
            if (issuer == null || ((issuer.value() == null || issuer.value().isBlank()) && issuer.secret() == null)) {
                violations.add(where + " does not set MP_JWT_VERIFY_ISSUER");
            }
            if (Design.ASSIGNMENT_TOKEN_USERS.contains(service)) {
                Env key = env.get("LABELSTREAM_ASSIGNMENT_TOKEN_KEY");
                if (key == null || key.secret() == null) {
                    violations.add(where + " must read LABELSTREAM_ASSIGNMENT_TOKEN_KEY from a Secret");
                }
            }
            boolean http8080 = mapsAt(container, "ports").stream()
                    .anyMatch(p -> Long.valueOf(8080).equals(longAt(p, "containerPort")));
            if (!http8080) {
                violations.add(where + " does not expose container port 8080");
            }
            Env port = env.get("QUARKUS_HTTP_PORT");
            if (port != null && !"8080".equals(port.value())) {
                violations.add(where + " sets QUARKUS_HTTP_PORT=" + port.value() + " but the container port is 8080");
            }
        }
        assertThat(violations).isEmpty();
    }

    /**
     * At full scale, during a rollout (maxSurge 25 %) and with the migration Job running, the JDBC pools of a
     * service must fit into max_connections of its database, less a reserve for superuser and replication.
     */
    private static void checkConnectionBudget(List<String> violations, List<Map<String, Object>> resources,
            Map<String, Object> deployment, Map<String, Env> env, String cluster) {
        Env pool = env.get("LABELSTREAM_DB_POOL");
        Long poolSize = pool == null || pool.value() == null || !pool.value().matches("\\d+") ? null : Long.parseLong(pool.value());
        Map<String, Object> definition = ofKind(resources, "Cluster").stream().filter(c -> cluster.equals(name(c)))
                .findFirst().orElseThrow();
        Long maxConnections = longAt(definition, "spec", "postgresql", "parameters", "max_connections");
        Long maxReplicas = ofKind(resources, "ScaledObject").stream()
                .filter(so -> name(deployment).equals(stringAt(so, "spec", "scaleTargetRef", "name")))
                .map(so -> longAt(so, "spec", "maxReplicaCount")).filter(Objects::nonNull).findFirst().orElse(null);
        if (poolSize == null || maxConnections == null || maxReplicas == null) {
            violations.add(id(deployment) + " needs LABELSTREAM_DB_POOL, a maxReplicaCount and max_connections in "
                    + "Cluster/" + cluster + " to bound its connections (pool " + pool + ", max_connections "
                    + maxConnections + ", maxReplicaCount " + maxReplicas + ")");
            return;
        }
        long pods = maxReplicas + (maxReplicas + 3) / 4 + 1;
        long reserve = 10;
        if (pods * poolSize > maxConnections - reserve) {
            violations.add(id(deployment) + " may open " + pods + " x " + poolSize + " connections but Cluster/"
                    + cluster + " allows " + maxConnections + " (less " + reserve + " reserved)");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyServiceHasAServiceADisruptionBudgetAndNetworkPolicies(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        String kafka = ofKind(resources, "Kafka").stream().map(Yamls::name).findFirst().orElse(Design.KAFKA_CLUSTER);
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String where = id(deployment);
            Map<String, Object> podLabels = mapAt(deployment, "spec", "template", "metadata", "labels");
            if (ofKind(resources, "Service").stream().noneMatch(s -> selects(mapAt(s, "spec", "selector"), podLabels))) {
                violations.add(where + " has no Service selecting its pods");
            }
            if (ofKind(resources, "PodDisruptionBudget").stream()
                    .noneMatch(p -> selects(mapAt(p, "spec", "selector", "matchLabels"), podLabels))) {
                violations.add(where + " has no PodDisruptionBudget");
            }
            List<Map<String, Object>> policies = ofKind(resources, "NetworkPolicy").stream()
                    .filter(p -> selects(mapAt(p, "spec", "podSelector", "matchLabels"), podLabels)).toList();
            if (policies.isEmpty()) {
                violations.add(where + " is not selected by any NetworkPolicy");
                continue;
            }
            Set<String> types = policies.stream().flatMap(p -> listAt(p, "spec", "policyTypes").stream())
                    .map(String::valueOf).collect(Collectors.toSet());
            if (!types.containsAll(Set.of("Ingress", "Egress"))) {
                violations.add(where + " NetworkPolicies restrict only " + types);
            }
            List<Map<String, Object>> egress = policies.stream().flatMap(p -> mapsAt(p, "spec", "egress").stream()).toList();
            List<Map<String, Object>> ingress = policies.stream().flatMap(p -> mapsAt(p, "spec", "ingress").stream()).toList();
            for (Map<String, Object> rule : egress) {
                if (mapsAt(rule, "to").isEmpty() || mapsAt(rule, "to").stream().anyMatch(this::isOpenPeer)) {
                    violations.add(where + " has an egress rule open to everything: " + rule);
                }
            }
            for (Map<String, Object> rule : ingress) {
                if (mapsAt(rule, "from").isEmpty() || mapsAt(rule, "from").stream().anyMatch(this::isOpenPeer)) {
                    violations.add(where + " has an ingress rule open to everything: " + rule);
                }
            }
            boolean dns = egress.stream().flatMap(r -> mapsAt(r, "ports").stream())
                    .anyMatch(p -> Long.valueOf(53).equals(longAt(p, "port")));
            boolean toKafka = egress.stream().flatMap(r -> mapsAt(r, "to").stream())
                    .anyMatch(peer -> kafka.equals(stringAt(peer, "podSelector", "matchLabels", "strimzi.io/cluster")));
            String jdbc = Objects.toString(effectiveEnv(resources, firstContainer(mapAt(deployment, "spec", "template", "spec")))
                    .getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", new Env(null, null, null)).value(), "");
            Matcher matcher = JDBC_URL.matcher(jdbc);
            String cluster = matcher.matches() ? matcher.group(1) : "?";
            boolean toDatabase = egress.stream().flatMap(r -> mapsAt(r, "to").stream())
                    .anyMatch(peer -> cluster.equals(stringAt(peer, "podSelector", "matchLabels", "cnpg.io/cluster")));
            if (Design.WITHOUT_DATABASE.contains(name(deployment))) {
                // no database to reach, and none reachable
                toDatabase = egress.stream().flatMap(r -> mapsAt(r, "to").stream())
                        .noneMatch(peer -> stringAt(peer, "podSelector", "matchLabels", "cnpg.io/cluster") != null);
            }
            if (!dns || !toKafka || !toDatabase) {
                violations.add(where + " egress must allow DNS (" + dns + "), Kafka (" + toKafka
                        + ") and database " + cluster + " (" + toDatabase + ")");
            }
            if (ingress.isEmpty()) {
                violations.add(where + " accepts no traffic at all (callers and Prometheus need port 8080)");
            }
        }
        assertThat(violations).isEmpty();
    }

    private boolean isOpenPeer(Map<String, Object> peer) {
        String cidr = stringAt(peer, "ipBlock", "cidr");
        boolean openCidr = "0.0.0.0/0".equals(cidr) || "::/0".equals(cidr);
        boolean everyPodEverywhere = peer.containsKey("namespaceSelector") && mapAt(peer, "namespaceSelector").isEmpty()
                && (!peer.containsKey("podSelector") || mapAt(peer, "podSelector").isEmpty());
        return openCidr || everyPodEverywhere;
    }

    // ---- autoscaling -----------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyConsumerGroupHasAScaledObject(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        List<Map<String, Object>> scaledObjects = ofKind(resources, "ScaledObject");
        for (ConsumerGroup group : consumerGroups) {
            List<Map<String, Object>> matching = scaledObjects.stream()
                    .filter(so -> kafkaTriggers(so).stream()
                            .anyMatch(t -> group.group().equals(stringAt(t, "metadata", "consumerGroup"))))
                    .toList();
            if (matching.size() != 1) {
                violations.add("consumer group " + group.group() + " (" + group.service() + ", " + group.source()
                        + ") needs exactly one ScaledObject, found " + matching.size());
                continue;
            }
            Map<String, Object> so = matching.get(0);
            String where = id(so);
            if (!group.service().equals(stringAt(so, "spec", "scaleTargetRef", "name"))) {
                violations.add(where + " scales " + stringAt(so, "spec", "scaleTargetRef", "name")
                        + " but consumer group " + group.group() + " runs in " + group.service());
            }
            Set<String> triggered = new TreeSet<>();
            for (Map<String, Object> trigger : kafkaTriggers(so)) {
                String topic = stringAt(trigger, "metadata", "topic");
                triggered.add(topic);
                if (!group.group().equals(stringAt(trigger, "metadata", "consumerGroup"))) {
                    violations.add(where + " kafka trigger on " + topic + " uses consumer group "
                            + stringAt(trigger, "metadata", "consumerGroup") + ", expected " + group.group());
                }
                Long lag = longAt(trigger, "metadata", "lagThreshold");
                if (lag == null || lag <= 0) {
                    violations.add(where + " kafka trigger on " + topic + " has no positive lagThreshold");
                }
                if (!Design.KAFKA_BOOTSTRAP.equals(stringAt(trigger, "metadata", "bootstrapServers"))) {
                    violations.add(where + " kafka trigger on " + topic + " reads lag from "
                            + stringAt(trigger, "metadata", "bootstrapServers") + ", expected " + Design.KAFKA_BOOTSTRAP);
                }
            }
            if (!triggered.equals(group.topics())) {
                violations.add(where + " has kafka triggers for " + triggered + " but " + group.group()
                        + " consumes " + group.topics() + " (" + group.source() + ")");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void autoscalersNeitherCollideNorOutgrowPartitions(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        Map<String, Long> partitions = new TreeMap<>();
        ofKind(resources, "KafkaTopic").forEach(t -> partitions.put(topicName(t), longAt(t, "spec", "partitions")));
        Map<String, List<String>> autoscalers = new TreeMap<>();

        for (Map<String, Object> so : ofKind(resources, "ScaledObject")) {
            String where = id(so);
            if (!"keda.sh/v1alpha1".equals(so.get("apiVersion"))) {
                violations.add(where + " has apiVersion " + so.get("apiVersion"));
            }
            String kind = Objects.requireNonNullElse(stringAt(so, "spec", "scaleTargetRef", "kind"), "Deployment");
            String target = stringAt(so, "spec", "scaleTargetRef", "name");
            autoscalers.computeIfAbsent(kind + "/" + target, k -> new ArrayList<>()).add(where);
            if (ofKind(resources, kind).stream().noneMatch(r -> Objects.equals(target, name(r)))) {
                violations.add(where + " targets missing " + kind + "/" + target);
            }
            long min = Objects.requireNonNullElse(longAt(so, "spec", "minReplicaCount"), 0L);
            Long max = longAt(so, "spec", "maxReplicaCount");
            if (max == null) {
                violations.add(where + " sets no maxReplicaCount (KEDA's default of 100 exceeds any partition count)");
                continue;
            }
            if (min > max) {
                violations.add(where + " minReplicaCount " + min + " > maxReplicaCount " + max);
            }
            boolean cpu = triggers(so).stream().anyMatch(t -> "cpu".equals(t.get("type")));
            if (cpu && min < 1) {
                violations.add(where + " has a cpu trigger but minReplicaCount " + min + " (cpu cannot scale from zero)");
            }
            if (Design.REST_BOUND.contains(target) && !cpu) {
                violations.add(where + " scales REST-bound " + target + " but has no cpu trigger");
            }
            for (Map<String, Object> trigger : kafkaTriggers(so)) {
                String topic = stringAt(trigger, "metadata", "topic");
                Long topicPartitions = partitions.get(topic);
                if (topicPartitions == null) {
                    violations.add(where + " triggers on " + topic + ", which has no KafkaTopic");
                } else if (max > topicPartitions) {
                    violations.add(where + " maxReplicaCount " + max + " exceeds the " + topicPartitions
                            + " partitions of " + topic);
                }
            }
        }
        for (Map<String, Object> hpa : ofKind(resources, "HorizontalPodAutoscaler")) {
            if (!"autoscaling/v2".equals(hpa.get("apiVersion"))) {
                violations.add(id(hpa) + " has apiVersion " + hpa.get("apiVersion"));
            }
            autoscalers.computeIfAbsent(stringAt(hpa, "spec", "scaleTargetRef", "kind") + "/"
                    + stringAt(hpa, "spec", "scaleTargetRef", "name"), k -> new ArrayList<>()).add(id(hpa));
        }
        autoscalers.forEach((target, owners) -> {
            if (owners.size() > 1) {
                violations.add(target + " is scaled by more than one autoscaler (KEDA owns an HPA per ScaledObject): " + owners);
            }
        });
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            if (!autoscalers.containsKey(id(deployment))) {
                violations.add(id(deployment) + " has neither a ScaledObject nor an HPA");
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Map<String, Object>> triggers(Map<String, Object> scaledObject) {
        return mapsAt(scaledObject, "spec", "triggers");
    }

    private static List<Map<String, Object>> kafkaTriggers(Map<String, Object> scaledObject) {
        return triggers(scaledObject).stream().filter(t -> "kafka".equals(t.get("type"))).toList();
    }

    // ---- Kafka -----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyTopicHasAFittingKafkaTopic(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        List<Map<String, Object>> kafkas = ofKind(resources, "Kafka");
        assertThat(kafkas).as("Kafka clusters").hasSize(1);
        String cluster = name(kafkas.get(0));
        long brokers = brokerCount(resources, cluster);

        Map<String, Map<String, Object>> topics = new TreeMap<>();
        for (Map<String, Object> topic : ofKind(resources, "KafkaTopic")) {
            if (topics.put(topicName(topic), topic) != null) {
                violations.add("topic " + topicName(topic) + " is declared twice");
            }
        }
        for (String expected : expectedTopics) {
            if (!topics.containsKey(expected)) {
                violations.add("topic " + expected + " has no KafkaTopic");
            }
        }
        for (String declared : topics.keySet()) {
            if (!expectedTopics.contains(declared)) {
                violations.add("KafkaTopic " + declared + " is used by no service and is not in the design");
            }
        }
        for (Map.Entry<String, Map<String, Object>> entry : topics.entrySet()) {
            String topic = entry.getKey();
            Map<String, Object> resource = entry.getValue();
            String where = "KafkaTopic " + topic;
            if (!"kafka.strimzi.io/v1".equals(resource.get("apiVersion"))) {
                violations.add(where + " has apiVersion " + resource.get("apiVersion"));
            }
            if (!cluster.equals(stringAt(resource, "metadata", "labels", "strimzi.io/cluster"))) {
                violations.add(where + " is not labelled strimzi.io/cluster=" + cluster);
            }
            Long partitionCount = longAt(resource, "spec", "partitions");
            Long replicas = longAt(resource, "spec", "replicas");
            if (partitionCount == null || partitionCount < 1 || replicas == null || replicas < 1) {
                violations.add(where + " must set partitions and replicas");
                continue;
            }
            if (replicas > brokers) {
                violations.add(where + " has " + replicas + " replicas but the cluster has " + brokers + " brokers");
            }
            Long minIsr = longAt(resource, "spec", "config", "min.insync.replicas");
            if (minIsr != null && (minIsr > replicas || (replicas > 1 && minIsr >= replicas))) {
                violations.add(where + " min.insync.replicas " + minIsr + " does not tolerate a broker outage with "
                        + replicas + " replicas");
            }
            String cleanup = Objects.toString(at(resource, "spec", "config", "cleanup.policy"), "delete");
            Long retention = longAt(resource, "spec", "config", "retention.ms");
            if (topic.endsWith(Design.DLQ_SUFFIX)) {
                if (!cleanup.equals("delete") || retention == null || retention < FOURTEEN_DAYS_MS) {
                    violations.add(where + " is a dead-letter topic and needs cleanup.policy delete with a long"
                            + " retention.ms (>= 14 days), has " + cleanup + "/" + retention);
                }
            } else if (Design.COMPACTED_TOPICS.contains(topic)) {
                if (!cleanup.contains("compact")) {
                    violations.add(where + " must be compacted, has cleanup.policy " + cleanup);
                }
            } else if (retention == null) {
                violations.add(where + " sets no retention.ms");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void kafkaRunsInKraftModeWithNodePools(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        Map<String, Object> kafka = ofKind(resources, "Kafka").get(0);
        String cluster = name(kafka);
        if (!"kafka.strimzi.io/v1".equals(kafka.get("apiVersion"))) {
            violations.add(id(kafka) + " has apiVersion " + kafka.get("apiVersion"));
        }
        if (at(kafka, "spec", "zookeeper") != null || at(kafka, "spec", "kafka", "replicas") != null) {
            violations.add(id(kafka) + " uses ZooKeeper or inline replicas instead of KRaft node pools");
        }
        long controllers = 0;
        for (Map<String, Object> pool : ofKind(resources, "KafkaNodePool")) {
            if (!cluster.equals(stringAt(pool, "metadata", "labels", "strimzi.io/cluster"))) {
                violations.add(id(pool) + " does not belong to " + cluster);
            }
            if (!"kafka.strimzi.io/v1".equals(pool.get("apiVersion"))) {
                violations.add(id(pool) + " has apiVersion " + pool.get("apiVersion"));
            }
            if (listAt(pool, "spec", "roles").contains("controller")) {
                controllers += Objects.requireNonNullElse(longAt(pool, "spec", "replicas"), 0L);
            }
        }
        long brokers = brokerCount(resources, cluster);
        if (controllers < 1 || controllers % 2 == 0) {
            violations.add(cluster + " needs an odd number of KRaft controllers, has " + controllers);
        }
        if (brokers < 1) {
            violations.add(cluster + " has no brokers");
        }
        Map<String, Object> config = mapAt(kafka, "spec", "kafka", "config");
        if (!Boolean.FALSE.equals(config.get("auto.create.topics.enable"))
                && !"false".equals(String.valueOf(config.get("auto.create.topics.enable")))) {
            violations.add(id(kafka) + " must disable auto.create.topics.enable (every topic is a KafkaTopic)");
        }
        for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor",
                "transaction.state.log.replication.factor")) {
            Long factor = longAt(config, key);
            if (factor == null || factor > brokers) {
                violations.add(id(kafka) + " " + key + "=" + factor + " with " + brokers + " brokers");
            }
        }
        assertThat(violations).isEmpty();
    }

    private static long brokerCount(List<Map<String, Object>> resources, String cluster) {
        return ofKind(resources, "KafkaNodePool").stream()
                .filter(p -> cluster.equals(stringAt(p, "metadata", "labels", "strimzi.io/cluster")))
                .filter(p -> listAt(p, "spec", "roles").contains("broker"))
                .mapToLong(p -> Objects.requireNonNullElse(longAt(p, "spec", "replicas"), 0L)).sum();
    }

    static String topicName(Map<String, Object> kafkaTopic) {
        return Objects.requireNonNullElse(stringAt(kafkaTopic, "spec", "topicName"), name(kafkaTopic));
    }

    // ---- images, secrets, namespace ----------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void imagesArePinned(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            for (String image : images(resource)) {
                ImageReference reference = ImageReference.parse(image);
                if (reference.tag() == null && reference.digest() == null) {
                    violations.add(id(resource) + " uses untagged image " + image);
                } else if ("latest".equals(reference.tag()) && reference.digest() == null) {
                    violations.add(id(resource) + " uses image " + image);
                }
            }
        }
        for (Map<String, Object> deployment : ofKind(resources, "Deployment")) {
            String image = stringAt(firstContainer(mapAt(deployment, "spec", "template", "spec")), "image");
            if (!ImageReference.parse(image).repository().equals("ghcr.io/labelstream/" + name(deployment))) {
                violations.add(id(deployment) + " runs " + image + ", expected ghcr.io/labelstream/" + name(deployment));
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<String> images(Object node) {
        List<String> images = new ArrayList<>();
        Map<String, Object> map = asMap(node);
        if (map != null) {
            map.forEach((key, value) -> {
                if ((key.equals("containers") || key.equals("initContainers"))) {
                    mapsAt(Map.of("c", value), "c").forEach(c -> images.add(String.valueOf(c.get("image"))));
                } else if (key.equals("imageName") && value instanceof String s) {
                    images.add(s);
                } else {
                    images.addAll(images(value));
                }
            });
        }
        List<Object> list = Yamls.asList(node);
        if (list != null) {
            list.forEach(item -> images.addAll(images(item)));
        }
        return images;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void noSecretValuesAreCommittedAndEverythingIsNamespaced(String kustomization) {
        List<Map<String, Object>> resources = render(kustomization);
        List<String> violations = new ArrayList<>();
        for (Map<String, Object> resource : resources) {
            if ("Secret".equals(kind(resource)) && "".equals(apiGroup(resource))) {
                violations.add(id(resource) + " is rendered; Secrets are created by the operator (see README)");
            }
            if (!"Namespace".equals(kind(resource))
                    && !Design.NAMESPACE.equals(stringAt(resource, "metadata", "namespace"))) {
                violations.add(id(resource) + " is not in namespace " + Design.NAMESPACE);
            }
        }
        assertThat(violations).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static void checkProbe(List<String> violations, String where, Map<String, Object> container,
            String probe, String path) {
        String actual = stringAt(container, probe, "httpGet", "path");
        if (!path.equals(actual)) {
            violations.add(where + " " + probe + " must be an httpGet of " + path + ", is " + at(container, probe));
        }
    }

    private static void checkPodHardening(List<String> violations, String where, Map<String, Object> pod) {
        Map<String, Object> podSecurity = mapAt(pod, "securityContext");
        Set<String> emptyDirs = mapsAt(pod, "volumes").stream().filter(v -> v.containsKey("emptyDir"))
                .map(v -> stringAt(v, "name")).collect(Collectors.toSet());
        List<Map<String, Object>> containers = new ArrayList<>(mapsAt(pod, "containers"));
        containers.addAll(mapsAt(pod, "initContainers"));
        if (containers.isEmpty()) {
            violations.add(where + " has no containers");
        }
        for (Map<String, Object> container : containers) {
            String c = where + " container " + stringAt(container, "name");
            Map<String, Object> security = mapAt(container, "securityContext");
            Object runAsNonRoot = security.containsKey("runAsNonRoot") ? security.get("runAsNonRoot")
                    : podSecurity.get("runAsNonRoot");
            if (!Boolean.TRUE.equals(runAsNonRoot)) {
                violations.add(c + " does not set runAsNonRoot: true");
            }
            if (!Boolean.TRUE.equals(security.get("readOnlyRootFilesystem"))) {
                violations.add(c + " does not set readOnlyRootFilesystem: true");
            }
            if (!Boolean.FALSE.equals(security.get("allowPrivilegeEscalation"))) {
                violations.add(c + " does not set allowPrivilegeEscalation: false");
            }
            if (!listAt(security, "capabilities", "drop").contains("ALL")) {
                violations.add(c + " does not drop ALL capabilities");
            }
            for (String quantity : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    if (at(container, "resources", quantity, resource) == null) {
                        violations.add(c + " sets no resources." + quantity + "." + resource);
                    }
                }
            }
            boolean tmp = mapsAt(container, "volumeMounts").stream()
                    .anyMatch(m -> "/tmp".equals(stringAt(m, "mountPath")) && emptyDirs.contains(stringAt(m, "name")));
            if (!tmp) {
                violations.add(c + " has no emptyDir mounted at /tmp (the root filesystem is read-only)");
            }
        }
    }

    static Map<String, Object> firstContainer(Map<String, Object> podSpec) {
        List<Map<String, Object>> containers = mapsAt(podSpec, "containers");
        return containers.isEmpty() ? Map.of() : containers.get(0);
    }

    /** An environment variable: a literal value, or a reference to a Secret key. */
    record Env(String value, String secret, String secretKey) {
    }

    /** The container's environment as the kubelet builds it: envFrom ConfigMaps, overridden by env. */
    static Map<String, Env> effectiveEnv(List<Map<String, Object>> resources, Map<String, Object> container) {
        Map<String, Env> env = new LinkedHashMap<>();
        for (Map<String, Object> source : mapsAt(container, "envFrom")) {
            String configMap = stringAt(source, "configMapRef", "name");
            if (configMap == null) {
                continue;
            }
            ofKind(resources, "ConfigMap").stream().filter(cm -> configMap.equals(name(cm))).findFirst()
                    .ifPresent(cm -> mapAt(cm, "data").forEach((k, v) -> env.put(k, new Env(String.valueOf(v), null, null))));
        }
        for (Map<String, Object> variable : mapsAt(container, "env")) {
            String name = stringAt(variable, "name");
            if (variable.containsKey("value")) {
                env.put(name, new Env(String.valueOf(variable.get("value")), null, null));
            } else {
                env.put(name, new Env(null, stringAt(variable, "valueFrom", "secretKeyRef", "name"),
                        stringAt(variable, "valueFrom", "secretKeyRef", "key")));
            }
        }
        return env;
    }

    private static void expectLiteral(List<String> violations, String where, Map<String, Env> env, String name,
            String expected) {
        Env actual = env.get(name);
        if (actual == null || !expected.equals(actual.value())) {
            violations.add(where + " must set " + name + "=" + expected + ", has " + actual);
        }
    }

    private static void expectSecret(List<String> violations, String where, Map<String, Env> env, String name,
            String secret, String key) {
        Env actual = env.get(name);
        if (actual == null || !secret.equals(actual.secret()) || !key.equals(actual.secretKey())) {
            violations.add(where + " must read " + name + " from Secret " + secret + " key " + key + ", has " + actual);
        }
    }

    private static boolean mountedFromSecret(Map<String, Object> pod, Map<String, Object> container, String file) {
        Set<String> secretVolumes = new LinkedHashSet<>();
        mapsAt(pod, "volumes").stream().filter(v -> v.containsKey("secret"))
                .forEach(v -> secretVolumes.add(stringAt(v, "name")));
        String path = file.startsWith("file:") ? file.substring("file:".length()) : file;
        return mapsAt(container, "volumeMounts").stream()
                .filter(m -> secretVolumes.contains(stringAt(m, "name")))
                .anyMatch(m -> path.startsWith(stringAt(m, "mountPath") + "/"));
    }
}
