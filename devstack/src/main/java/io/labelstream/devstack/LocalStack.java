package io.labelstream.devstack;

import io.labelstream.devstack.demo.Demo;
import io.labelstream.devstack.demo.StackClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;

/**
 * The local stack: a Kafka broker, PostgreSQL and the five services as separate processes, ready for
 * requests, with tokens for demo users printed. Ctrl-C stops everything; the data directory keeps the
 * broker's log and the database for the next start.
 */
public final class LocalStack implements AutoCloseable {

    /** The services in start order, each with the schema it owns. */
    public static final Map<String, String> SERVICES = new LinkedHashMap<>();

    static {
        SERVICES.put("ingestion-service", "ingestion");
        SERVICES.put("assignment-service", "assignment");
        SERVICES.put("annotation-service", "annotation");
        SERVICES.put("quality-service", "quality");
        SERVICES.put("adjudication-service", "adjudication");
        SERVICES.put("learning-service", "learning");
    }

    /** Demo users, one per role, and the roles their tokens carry. */
    public static final Map<String, String[]> DEMO_USERS = new LinkedHashMap<>();

    static {
        DEMO_USERS.put("mona", new String[] {"manager"});
        DEMO_USERS.put("ivan", new String[] {"ingestor"});
        DEMO_USERS.put("alice", new String[] {"annotator"});
        DEMO_USERS.put("bob", new String[] {"annotator"});
        DEMO_USERS.put("carol", new String[] {"annotator"});
        DEMO_USERS.put("rita", new String[] {"reviewer"});
    }

    /** The web console: no schema of its own, a client of the services' REST APIs. */
    public static final String CONSOLE = "console";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);

    private final StackSettings settings;
    private final PrintStream out;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private Map<String, String> shared;
    private EmbeddedPostgresServer postgres;
    private ServiceProcess broker;
    private String bootstrapServers;
    private String jdbcUrl;
    private final Map<String, String> demoTokens = new LinkedHashMap<>();

    public LocalStack(StackSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // INFO lines would bury the URLs and tokens this launcher prints; the Kafka clients' warnings while the
        // broker starts are the launcher's to report, which it does when the broker does not come up
        ConsoleLogging.from(Level.WARNING);
        ConsoleLogging.set("org.apache.kafka", Level.SEVERE);
        Path root = Path.of(System.getProperty("labelstream.root", ".")).toAbsolutePath().normalize();
        String dataset = option(args, "--dataset", null);
        if (List.of(args).contains("--demo") && dataset != null && !DatasetsFolder.fromSystemProperty().has("crowd/" + dataset)) {
            // say so before a stack is started for nothing
            System.out.println("The demo cannot run: " + DatasetsFolder.fromSystemProperty().missing("crowd/" + dataset));
            System.exit(2);
        }
        LocalStack stack = new LocalStack(StackSettings.fromEnvironment(System.getenv(), root), System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        Instant began = Instant.now();
        stack.start();
        stack.printWelcome(Duration.between(began, Instant.now()));
        if (List.of(args).contains("--demo")) {
            try {
                stack.runDemo(args);
            } catch (RuntimeException | IOException e) {
                System.out.println("\nThe demo failed: " + e.getMessage() + "\nThe stack keeps running: Ctrl-C stops it.");
            }
        }
        stopped.await();
    }

    /** Starts the broker, the database, every service and the console. */
    public void start() throws Exception {
        List<String> all = new ArrayList<>(SERVICES.keySet());
        all.add(CONSOLE);
        start(all);
    }

    /**
     * Starts the broker, the database and the named services only (each keeps its usual port), e.g. to
     * measure one service without the others consuming what it publishes; the console too if named.
     */
    public void start(java.util.Collection<String> names) throws Exception {
        Files.createDirectories(settings.dataDirectory().resolve("logs"));
        startPostgres();
        startKafka();
        createTopics();
        shared = sharedServiceEnvironment();
        int port = settings.firstServicePort();
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            int servicePort = port++;
            if (names.contains(service.getKey())) {
                startService(service.getKey(), service.getValue(), servicePort, shared);
            }
        }
        writeDemoTokens();
        if (names.contains(CONSOLE)) {
            startConsole();
        }
        awaitReady();
    }

    /**
     * Starts another Quarkus application of this build next to the services, with the same heap, garbage
     * collector, database and broker settings (benches start their reference service this way).
     */
    public ServiceProcess startApplication(String name, int port) throws Exception {
        startService(name, "public", port, shared);
        ServiceProcess process = services.get(name);
        Waits.until(process::isReady, () -> !process.isAlive(), READY_TIMEOUT, Duration.ofMillis(250),
                name + " did not become ready; see " + process.logFile());
        return process;
    }

    public Map<String, ServiceProcess> services() {
        return services;
    }

    /** Kills a service (or {@code kafka}, the broker) at once, as a crash would. */
    public void kill(String name) throws InterruptedException {
        process(name).kill();
    }

    /** Starts a killed service (or the broker) again and waits until it is ready. */
    public void restart(String name) throws IOException, InterruptedException {
        ServiceProcess process = process(name);
        process.kill();
        process.start();
        if (process == broker) {
            awaitBroker();
        } else {
            Waits.until(process::isReady, () -> !process.isAlive(), READY_TIMEOUT, Duration.ofMillis(250),
                    name + " did not become ready after a restart; see " + process.logFile());
        }
    }

    private ServiceProcess process(String name) {
        ServiceProcess process = "kafka".equals(name) ? broker : services.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process named " + name);
        }
        return process;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    private void startPostgres() throws Exception {
        if (settings.externalJdbcUrl() != null) {
            jdbcUrl = settings.externalJdbcUrl();
            out.println("PostgreSQL: external " + jdbcUrl);
            return;
        }
        postgres = EmbeddedPostgresServer.durable(settings.dataDirectory().resolve("postgres"), settings.postgresPort());
        jdbcUrl = postgres.jdbcUrl();
        for (String schema : SERVICES.values()) {
            postgres.createSchema(schema, false);
        }
        out.println("PostgreSQL 17 (embedded, durable): " + jdbcUrl);
    }

    private void startKafka() throws Exception {
        if (settings.externalKafka() != null) {
            bootstrapServers = settings.externalKafka();
            out.println("Kafka: external " + bootstrapServers);
            return;
        }
        Path kafkaDir = settings.dataDirectory().resolve("kafka");
        // Kafka's SLF4J binding logs to JBoss LogManager, configured through the JDK's logging API only as its manager
        broker = new ServiceProcess("kafka", List.of(javaBinary(), "-Xmx512m",
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerProcess.class.getName(), kafkaDir.toString(), String.valueOf(settings.kafkaPort()),
                String.valueOf(settings.kafkaPort() + 1), "6"),
                Map.of(), settings.dataDirectory().resolve("logs/kafka.log"), null).start();
        bootstrapServers = "localhost:" + settings.kafkaPort();
        awaitBroker();
        out.println("Kafka 4.1 (embedded KRaft broker): " + bootstrapServers);
    }

    private void awaitBroker() throws InterruptedException {
        Waits.until(this::brokerAnswers, () -> !broker.isAlive(), Duration.ofMinutes(2), Duration.ofMillis(250),
                "the Kafka broker did not start; see " + broker.logFile());
    }

    private boolean brokerAnswers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get();
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return Admin.create(properties);
    }

    /** Creates every topic with its cleanup policy before any service could auto-create it wrongly. */
    private void createTopics() throws Exception {
        try (Admin admin = admin()) {
            for (TopicLayout topic : TopicLayout.all(6)) {
                NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs());
                try {
                    admin.createTopics(List.of(newTopic)).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private Map<String, String> sharedServiceEnvironment() throws IOException {
        Path keys = settings.dataDirectory().resolve("keys");
        Files.createDirectories(keys);
        Path publicKey = keys.resolve("jwt-public.pem");
        Files.writeString(publicKey, DevTokens.publicKeyPem());
        Path tokenKey = keys.resolve("assignment-token.key");
        if (!Files.exists(tokenKey)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(tokenKey, Base64.getEncoder().encodeToString(secret));
        }
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("QUARKUS_DATASOURCE_USERNAME", settings.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", settings.dbPassword());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", DevTokens.AUDIENCE);
        env.put("LABELSTREAM_ASSIGNMENT_TOKEN_KEY", Files.readString(tokenKey).trim());
        return env;
    }

    private void startService(String name, String schema, int port, Map<String, String> shared) throws IOException {
        requireFree(port, name);
        Path jar = settings.projectRoot().resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw install -DskipTests");
        }
        Map<String, String> env = new HashMap<>(shared);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        ServiceProcess process = new ServiceProcess(name,
                List.of(javaBinary(), "-Xmx" + settings.serviceHeap(), "-XX:+UseSerialGC", "-jar", jar.toString()),
                env, settings.dataDirectory().resolve("logs/" + name + ".log"), port).start();
        services.put(name, process);
    }

    /**
     * The console runs after the services it forwards to, with their URLs and the demo users' tokens (the
     * local mode of its sign-in page).
     */
    private void startConsole() throws IOException {
        requireFree(settings.consolePort(), CONSOLE);
        Path jar = settings.projectRoot().resolve("console/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw install -DskipTests");
        }
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", shared.get("KAFKA_BOOTSTRAP_SERVERS"));
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", shared.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        env.put("MP_JWT_VERIFY_ISSUER", shared.get("MP_JWT_VERIFY_ISSUER"));
        env.put("MP_JWT_VERIFY_AUDIENCES", shared.get("MP_JWT_VERIFY_AUDIENCES"));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(settings.consolePort()));
        env.put("LABELSTREAM_CONSOLE_DEMO_TOKENS", tokensFile().toString());
        for (Map.Entry<String, ServiceProcess> service : services.entrySet()) {
            String shortName = service.getKey().replace("-service", "").toUpperCase(java.util.Locale.ROOT);
            env.put("LABELSTREAM_" + shortName + "_URL", service.getValue().baseUrl());
        }
        ServiceProcess process = new ServiceProcess(CONSOLE,
                List.of(javaBinary(), "-Xmx128m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                env, settings.dataDirectory().resolve("logs/console.log"), settings.consolePort()).start();
        services.put(CONSOLE, process);
    }

    /** The demo users' tokens, valid 12 h, for the console's sign-in page and for scripts. */
    private void writeDemoTokens() throws IOException {
        StringBuilder file = new StringBuilder();
        for (Map.Entry<String, String[]> user : DEMO_USERS.entrySet()) {
            demoTokens.put(user.getKey(), DevTokens.mint(user.getKey(), user.getValue()));
            file.append("TOKEN_").append(user.getKey().toUpperCase()).append('=').append(demoTokens.get(user.getKey())).append('\n');
        }
        Files.writeString(tokensFile(), file);
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        for (ServiceProcess service : services.values()) {
            Waits.until(service::isReady, () -> !service.isAlive(),
                    Duration.between(Instant.now(), deadline), Duration.ofMillis(250),
                    service.name() + " did not become ready; see " + service.logFile());
        }
    }

    private void printWelcome(Duration startup) {
        out.println();
        out.printf("Labelstream is ready (%.1f s).%n", startup.toMillis() / 1000.0);
        ServiceProcess console = services.get(CONSOLE);
        if (console != null) {
            out.printf("  Console (sign in as a demo user): %s%n", console.baseUrl());
        }
        for (ServiceProcess service : services.values()) {
            if (service != console) {
                out.printf("  %-22s %s   OpenAPI: %s/q/swagger-ui   pid %d%n", service.name(), service.baseUrl(),
                        service.baseUrl(), service.pid());
            }
        }
        out.println();
        out.println("Tokens of the demo users (valid 12 h; also in " + tokensFile() + "):");
        for (Map.Entry<String, String[]> user : DEMO_USERS.entrySet()) {
            out.printf("  %s (%s):%n    %s%n", user.getKey(), String.join(",", user.getValue()), demoTokens.get(user.getKey()));
        }
        out.println();
        out.println("Logs: " + settings.dataDirectory().resolve("logs") + "   Stop: Ctrl-C");
    }

    /**
     * {@code --demo [--items N] [--seed S]}: a simulated crowd labels messages of the SMS Spam Collection
     * shipped in the repository. {@code --demo --dataset NAME [--items N]}: replays a real crowd dataset,
     * which the repository cannot ship, from the datasets folder.
     */
    private void runDemo(String[] args) throws IOException, InterruptedException {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((name, process) -> urls.put(name, process.baseUrl()));
        Demo demo = new Demo(new StackClient(urls), bootstrapServers, out);
        String dataset = option(args, "--dataset", null);
        if (dataset == null) {
            demo.simulate(settings.projectRoot().resolve(DatasetsFolder.BUNDLED_SMS_COLLECTION), Integer.parseInt(option(args, "--items", "300")),
                    Long.parseLong(option(args, "--seed", "7")));
        } else {
            Path folder = DatasetsFolder.fromSystemProperty().crowdDataset(dataset);
            demo.replay(folder, Integer.parseInt(option(args, "--items", "100")));
        }
        out.println("\nThe stack keeps running: Ctrl-C stops it.");
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private Path tokensFile() {
        return settings.dataDirectory().resolve("tokens.env");
    }

    /** A service whose port is taken would look ready through whatever answers there: refuse at once. */
    private static void requireFree(int port, String name) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(port)) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " for " + name + " is in use (another stack running?);"
                    + " stop it or set LABELSTREAM_FIRST_PORT");
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() {
        // services stop together, then the broker: a caller's exit timeout must not orphan any of them
        services.values().forEach(ServiceProcess::requestStop);
        try {
            for (ServiceProcess service : services.values()) {
                service.awaitStop(Duration.ofSeconds(15));
            }
            if (broker != null) {
                broker.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                out.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }
}
