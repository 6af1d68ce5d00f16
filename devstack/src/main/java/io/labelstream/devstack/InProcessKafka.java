package io.labelstream.devstack;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;

/**
 * A real Apache Kafka KRaft broker (one combined broker and controller) inside the current JVM, for
 * tests. Topics are created on first use with the configured partition count.
 *
 * <p>A broker that meets a fault it cannot recover from (a log directory that fails while the JVM shuts
 * down, say) halts its process. Here that process is the test JVM, whose exit status must be the tests'
 * verdict: the request is reported on standard error instead, and a broker really gone makes the tests
 * that need it fail.
 */
public final class InProcessKafka implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private InProcessKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static InProcessKafka start(int defaultPartitions) throws Exception {
        Exit.setHaltProcedure(InProcessKafka::report);
        Exit.setExitProcedure(InProcessKafka::report);
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build())
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", String.valueOf(defaultPartitions))
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "5")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new InProcessKafka(cluster);
    }

    private static void report(int status, String message) {
        System.err.printf("in-process Kafka broker asked to end the JVM with status %d: %s%n", status, message);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
