package io.labelstream.devstack;

import kafka.tools.StorageTool;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.Level;

/**
 * Entry point of the local stack's Kafka broker process: a single KRaft node (broker and controller)
 * whose log directory survives restarts. Formats the directory once, then runs the broker until killed.
 * Usage: {@code KafkaBrokerProcess <data-dir> <broker-port> <controller-port> <partitions>}, with JBoss LogManager
 * as the JDK's log manager ({@code java.util.logging.manager}), as the stack starts it (see {@link ConsoleLogging}).
 */
public final class KafkaBrokerProcess {

    private KafkaBrokerProcess() {
    }

    public static void main(String[] args) throws IOException {
        // INFO, as Kafka's own scripts log; the configurations' value dumps, a few thousand lines a start, are left
        // out: the broker's is in its server.properties
        ConsoleLogging.from(Level.INFO);
        ConsoleLogging.set("org.apache.kafka.common.config.AbstractConfig", Level.WARNING);
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        int brokerPort = Integer.parseInt(args[1]);
        int controllerPort = Integer.parseInt(args[2]);
        String partitions = args[3];
        Files.createDirectories(dataDir);

        Properties config = new Properties();
        config.setProperty("process.roles", "broker,controller");
        config.setProperty("node.id", "1");
        config.setProperty("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        config.setProperty("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        config.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort);
        config.setProperty("controller.listener.names", "CONTROLLER");
        config.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.setProperty("log.dirs", dataDir.resolve("logs").toString());
        config.setProperty("num.partitions", partitions);
        config.setProperty("offsets.topic.replication.factor", "1");
        config.setProperty("transaction.state.log.replication.factor", "1");
        config.setProperty("transaction.state.log.min.isr", "1");
        config.setProperty("group.initial.rebalance.delay.ms", "0");
        // no forced flush: a killed broker process leaves acknowledged records in the OS page cache
        Path configFile = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(configFile)) {
            config.store(out, "Labelstream local broker");
        }

        Path clusterIdFile = dataDir.resolve("cluster.id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, org.apache.kafka.common.Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).trim();
        int formatted = StorageTool.execute(new String[] {
                "format", "-t", clusterId, "-c", configFile.toString(), "--standalone", "--ignore-formatted"},
                System.out);
        if (formatted != 0) {
            throw new IllegalStateException("formatting " + dataDir + " failed with " + formatted);
        }
        kafka.Kafka.main(new String[] {configFile.toString()});
    }

}
