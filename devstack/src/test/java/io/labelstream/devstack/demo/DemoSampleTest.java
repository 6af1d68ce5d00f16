package io.labelstream.devstack.demo;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSampleTest {

    /** 1,000 texts, one in eight spam: skewed like the SMS collection. */
    private static final List<LabelledText> TEXTS = texts(1000, 8);

    @Test
    void drawsTheRequestedItemsWithoutOverlap() {
        DemoSample sample = DemoSample.draw(TEXTS, 300, 8, 32, 7);

        assertThat(sample.regular()).hasSize(300).allMatch(i -> i.kind() == DemoSample.Kind.REGULAR);
        assertThat(sample.gold()).hasSize(40);
        assertThat(sample.gold().stream().filter(i -> i.kind() == DemoSample.Kind.QUALIFICATION)).hasSize(8);
        Set<String> ids = new HashSet<>();
        sample.all().forEach(i -> ids.add(i.externalId()));
        assertThat(ids).hasSize(340);
        assertThat(sample.labels()).containsExactly("ham", "spam");
    }

    @Test
    void goldAndQualificationItemsAreBalancedAcrossLabels() {
        DemoSample sample = DemoSample.draw(TEXTS, 300, 8, 32, 7);

        assertThat(sample.gold().stream().filter(i -> i.truth().equals("spam"))).hasSize(20);
        assertThat(sample.gold().stream()
                .filter(i -> i.kind() == DemoSample.Kind.QUALIFICATION && i.truth().equals("spam"))).hasSize(4);
    }

    @Test
    void regularItemsKeepTheCollectionsShareOfEachLabel() {
        DemoSample sample = DemoSample.draw(TEXTS, 400, 8, 32, 7);

        long spam = sample.regular().stream().filter(i -> i.truth().equals("spam")).count();
        assertThat(spam).isBetween(30L, 70L);
    }

    @Test
    void theSeedFixesTheDraw() {
        assertThat(DemoSample.draw(TEXTS, 100, 4, 6, 7)).isEqualTo(DemoSample.draw(TEXTS, 100, 4, 6, 7));
        assertThat(DemoSample.draw(TEXTS, 100, 4, 6, 8).regular()).isNotEqualTo(DemoSample.draw(TEXTS, 100, 4, 6, 7).regular());
    }

    @Test
    void anItemKeepsTheTextAndLabelOfItsLine() {
        DemoSample sample = DemoSample.draw(TEXTS, 100, 4, 6, 7);

        sample.all().forEach(item -> {
            LabelledText line = TEXTS.get(Integer.parseInt(item.externalId().substring("sms-".length())) - 1);
            assertThat(item.text()).isEqualTo(line.text());
            assertThat(item.truth()).isEqualTo(line.label());
        });
    }

    @Test
    void moreItemsThanTheCollectionHoldsAreRefused() {
        assertThatThrownBy(() -> DemoSample.draw(TEXTS, 990, 8, 32, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> DemoSample.draw(texts(100, 50), 50, 8, 32, 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too few 'spam'");
    }

    private static List<LabelledText> texts(int count, int spamEvery) {
        List<LabelledText> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(new LabelledText(i % spamEvery == 0 ? "spam" : "ham", "message " + i));
        }
        return texts;
    }
}
