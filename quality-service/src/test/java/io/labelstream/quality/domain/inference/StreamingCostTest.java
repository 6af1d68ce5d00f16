package io.labelstream.quality.domain.inference;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming estimator's work per annotation must not grow with the number of items seen. Work is counted
 * in answer-class cells touched, not measured in time.
 */
class StreamingCostTest {

    private static final int ANSWERS_PER_ITEM = 5;

    @Test
    void everyUpdateIsBoundedByClassesAndAnswersPerItem() {
        SyntheticCrowd crowd = SyntheticCrowd.generate(5, 5_000, 3, ANSWERS_PER_ITEM, 30, 0.7, 5);
        List<Annotation> arrivals = new ArrayList<>(crowd.answers());
        Collections.shuffle(arrivals, new Random(9));
        StreamingDawidSkene.Options options = StreamingDawidSkene.Options.defaults();
        StreamingDawidSkene streaming = new StreamingDawidSkene(crowd.labels(), options);
        int k = crowd.labels().size();

        Map<String, Integer> answersSoFar = new HashMap<>();
        long worstExcess = Long.MIN_VALUE;
        for (Annotation a : arrivals) {
            int itemAnswers = answersSoFar.merge(a.item(), 1, Integer::sum);
            streaming.add(a);
            // the item's own refresh (2 K n_i) plus the bounded round-robin refreshes of other items
            long bound = 2L * k * (itemAnswers + (long) options.refreshesPerAnnotation() * ANSWERS_PER_ITEM);
            worstExcess = Math.max(worstExcess, streaming.lastUpdateWork() - bound);
        }
        assertThat(worstExcess).isLessThanOrEqualTo(0);
    }

    @Test
    void workPerUpdateStaysFlatAsItemsAccumulate() {
        // items arrive one after another with all their answers, as a labelling queue serves them: the first
        // tenth of the stream sees up to 600 items, the last tenth up to 6,000
        SyntheticCrowd crowd = SyntheticCrowd.generate(8, 6_000, 3, ANSWERS_PER_ITEM, 30, 0.7, 5);
        StreamingDawidSkene streaming = new StreamingDawidSkene(crowd.labels());
        List<Annotation> arrivals = crowd.answers();
        int tenth = arrivals.size() / 10;
        long earlyWork = 0;
        long lateWork = 0;
        for (int t = 0; t < arrivals.size(); t++) {
            streaming.add(arrivals.get(t));
            if (t < tenth) {
                earlyWork += streaming.lastUpdateWork();
            } else if (t >= arrivals.size() - tenth) {
                lateWork += streaming.lastUpdateWork();
            }
        }
        assertThat((double) lateWork / earlyWork).isBetween(0.8, 1.25);
    }

    @Test
    void reestimationWorkIsAmortisedConstantPerAnnotation() {
        SyntheticCrowd crowd = SyntheticCrowd.generate(6, 5_000, 3, ANSWERS_PER_ITEM, 30, 0.7, 5);
        StreamingDawidSkene.Options options = StreamingDawidSkene.Options.defaults();
        StreamingDawidSkene streaming = new StreamingDawidSkene(crowd.labels(), options);
        int k = crowd.labels().size();
        int cap = options.reestimation().maxIterations();
        double growth = options.reestimationGrowth();
        // a checkpoint over N answers costs at most N (K (2 T + 1) + 1); geometric checkpoints sum to < N g/(g-1)
        double perAnnotationBound = (k * (2.0 * cap + 1) + 1) * growth / (growth - 1);
        long seen = 0;
        long worstExcess = Long.MIN_VALUE;
        for (Annotation a : crowd.answers()) {
            streaming.add(a);
            seen++;
            worstExcess = Math.max(worstExcess, streaming.reestimationWork() - (long) (perAnnotationBound * seen));
        }
        assertThat(worstExcess).isLessThanOrEqualTo(0);
        assertThat(streaming.reestimations()).isBetween(5, 20);
        assertThat(streaming.reestimationWork() / (double) seen).isLessThan(perAnnotationBound);
    }
}
