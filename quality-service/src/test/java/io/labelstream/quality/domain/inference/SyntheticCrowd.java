package io.labelstream.quality.domain.inference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A generated crowd with known truth: items of classes c0..c(K-1), honest annotators right with a given
 * accuracy (else a uniformly wrong label), and "lazy" annotators who answer c0 whatever the item.
 */
record SyntheticCrowd(List<Annotation> answers, Map<String, String> truth, List<String> labels) {

    static SyntheticCrowd generate(long seed, int items, int classes, int answersPerItem,
                                   int honest, double honestAccuracy, int lazy) {
        Random random = new Random(seed);
        List<String> labels = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            labels.add("c" + c);
        }
        int annotators = honest + lazy;
        List<Annotation> answers = new ArrayList<>();
        Map<String, String> truth = new HashMap<>();
        for (int i = 0; i < items; i++) {
            String item = "item-" + i;
            int z = random.nextInt(classes);
            truth.put(item, labels.get(z));
            List<Integer> pool = new ArrayList<>();
            for (int w = 0; w < annotators; w++) {
                pool.add(w);
            }
            java.util.Collections.shuffle(pool, random);
            for (int a = 0; a < Math.min(answersPerItem, annotators); a++) {
                int w = pool.get(a);
                int given;
                if (w >= honest) {
                    given = 0;
                } else if (random.nextDouble() < honestAccuracy) {
                    given = z;
                } else {
                    given = (z + 1 + random.nextInt(classes - 1)) % classes;
                }
                answers.add(new Annotation(item, (w >= honest ? "lazy-" : "honest-") + w, labels.get(given)));
            }
        }
        return new SyntheticCrowd(List.copyOf(answers), Map.copyOf(truth), List.copyOf(labels));
    }

    double accuracy(Map<String, InferredLabel> inferred) {
        int right = 0;
        for (Map.Entry<String, InferredLabel> e : inferred.entrySet()) {
            if (e.getValue().label().equals(truth.get(e.getKey()))) {
                right++;
            }
        }
        return right / (double) inferred.size();
    }
}
