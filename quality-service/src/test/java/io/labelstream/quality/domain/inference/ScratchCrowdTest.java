package io.labelstream.quality.domain.inference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

class ScratchCrowdTest {
    @Test
    void run() {
        for (String name : List.of("product-matching", "relevance-4class", "dog-breeds-4class", "textual-entailment")) {
            CrowdDataset d = CrowdDataset.load(name);
            long t0 = System.nanoTime();
            Map<String, String> mv = MajorityVote.infer(d.answers()).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().label()));
            long t1 = System.nanoTime();
            DawidSkeneBatch.Result r = new DawidSkeneBatch().fit(d.answers());
            long t2 = System.nanoTime();
            Map<String, String> ds = r.labels().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().label()));
            List<Annotation> shuffled = new ArrayList<>(d.answers());
            Collections.shuffle(shuffled, new Random(42));
            StreamingDawidSkene s = new StreamingDawidSkene(d.labels());
            for (Annotation a : shuffled) s.add(a);
            long t3 = System.nanoTime();
            Map<String, String> st = s.labels().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().label()));
            System.out.printf("%s mv=%.4f ds=%.4f(it %d conv %s, %.1fs) stream=%.4f (%.1fs, re=%d, incW/ann=%.1f reW/ann=%.1f)%n", name, d.accuracy(mv), d.accuracy(ds), r.iterations(), r.converged(), (t2-t1)/1e9,
                d.accuracy(st), (t3-t2)/1e9, s.reestimations(), s.incrementalWork()/(double)s.annotations(), s.reestimationWork()/(double)s.annotations());
        }
    }
}
