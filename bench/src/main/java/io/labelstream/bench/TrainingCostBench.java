package io.labelstream.bench;

import io.labelstream.devstack.demo.LabelledText;
import io.labelstream.learning.domain.CrossValidation;
import io.labelstream.learning.domain.LabeledText;
import io.labelstream.learning.domain.TaskShape;
import io.labelstream.learning.domain.TextClassifier;
import org.tribuo.Model;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.protos.core.ModelProto;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The CPU of one training of the learner, part by part, on the first n messages of the SMS Spam Collection: the
 * texts' features, the model, its 5-fold cross-validation, storing the model as its weights and reading it back;
 * next to it, measured in the same run on the same model, what Tribuo's own protobuf form costs to write and read.
 * Every figure is this thread's CPU time, the median of the measured rounds after warm-up rounds.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.TrainingCostBench -Dexec.args="100 300 1000"</pre>
 * Arguments: the training set sizes (100, 300 and 1000 unless given). {@code -Dbench.rounds} (5) measured rounds
 * after {@code -Dbench.warmup.rounds} (3).
 */
public final class TrainingCostBench {

    private static final List<String> LABELS = List.of("ham", "spam");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup.rounds", 3);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TrainingCostBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("learning.training.cores=%d%n", Runtime.getRuntime().availableProcessors());
        List<LabelledText> messages = LabelledText.readTabSeparated(SmsCollection.path());
        int[] sizes = args.length == 0 ? new int[] {100, 300, 1000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int size : sizes) {
            List<LabeledText> examples = messages.subList(0, Math.min(size, messages.size())).stream()
                    .map(m -> new LabeledText(m.text(), Set.of(m.label()))).toList();
            measure(examples);
        }
    }

    private static void measure(List<LabeledText> examples) throws Exception {
        List<String> outputs = examples.stream().map(e -> e.labels().iterator().next()).toList();
        Costs costs = new Costs();
        for (int round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
            boolean measured = round >= WARMUP_ROUNDS;
            List<Map<String, Double>> features = costs.time(measured, "features", () -> TextClassifier.features(examples));
            TextClassifier model = costs.time(measured, "train", () ->
                    TextClassifier.train(TaskShape.SINGLE_LABEL, LABELS, examples, features));
            costs.time(measured, "cross_validation", () ->
                    CrossValidation.evaluate(TaskShape.SINGLE_LABEL, LABELS, examples, features, CrossValidation.DEFAULT_FOLDS));
            byte[] weights = costs.time(measured, "store_weights", model::toBytes);
            costs.time(measured, "read_weights", () -> TextClassifier.fromBytes(weights));
            // the baseline: the same model (same examples, same seed) in Tribuo's protobuf form
            LinearSGDModel tribuo = TextClassifier.fit(features, outputs);
            byte[] protobuf = costs.time(measured, "store_tribuo_protobuf", () -> tribuo.serialize().toByteArray());
            costs.time(measured, "read_tribuo_protobuf", () -> Model.deserialize(ModelProto.parseFrom(protobuf)));
            costs.bytesWeights = weights.length;
            costs.bytesProtobuf = protobuf.length;
        }
        costs.print(examples.size());
    }

    /** Each part's measured CPU times, in milliseconds. */
    private static final class Costs {
        private final Map<String, List<Double>> millis = new LinkedHashMap<>();
        private int bytesWeights;
        private int bytesProtobuf;

        <T> T time(boolean measured, String part, Callable<T> work) throws Exception {
            long started = THREADS.getCurrentThreadCpuTime();
            T result = work.call();
            double spent = (THREADS.getCurrentThreadCpuTime() - started) / 1e6;
            if (measured) {
                millis.computeIfAbsent(part, p -> new ArrayList<>()).add(spent);
            }
            return result;
        }

        double median(String part) {
            List<Double> sorted = millis.get(part).stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }

        void print(int n) {
            String prefix = "learning.training.n" + n;
            millis.keySet().forEach(part -> System.out.printf("%s.%s_cpu_ms=%.1f%n", prefix, part, median(part)));
            System.out.printf("%s.bytes_weights=%d bytes_tribuo_protobuf=%d%n", prefix, bytesWeights, bytesProtobuf);
            double training = median("features") + median("train") + median("cross_validation");
            System.out.printf("%s.training_with_store_cpu_ms=%.1f (store as weights) baseline=%.1f (store as Tribuo's"
                    + " protobuf)%n", prefix, training + median("store_weights"), training + median("store_tribuo_protobuf"));
        }
    }
}
