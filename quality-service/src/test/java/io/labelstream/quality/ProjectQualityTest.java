package io.labelstream.quality;

import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.security.Roles;
import io.labelstream.quality.domain.agreement.KrippendorffAlpha;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ProjectQualityTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Test
    void progressForecastAgreementAndConfusedPairs() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        List<String> a = project.annotators;
        UUID agreed = project.item(ItemKind.REGULAR);
        UUID split = project.item(ItemKind.REGULAR);
        project.item(ItemKind.REGULAR);
        project.label(agreed, a.get(0), "pos");
        project.label(agreed, a.get(1), "pos");
        project.label(agreed, a.get(2), "pos");
        project.label(split, a.get(0), "pos");
        project.label(split, a.get(1), "pos");
        project.label(split, a.get(2), "neg");
        String manager = QualityFixtures.token(project.manager, Roles.MANAGER);

        await().atMost(WAIT).untilAsserted(() -> given().config(DOUBLES).auth().oauth2(manager)
                .get("/projects/{p}/quality/progress", project.projectId)
                .then().statusCode(200)
                .body("totalItems", equalTo(3))
                .body("items.UNLABELED", equalTo(1))
                .body("items.RESOLVED", equalTo(1))
                .body("items.NEEDS_MORE_LABELS", equalTo(1))
                // three labels for the untouched item, one more for the split one
                .body("remainingLabels", equalTo(4))
                .body("secondsPerLabel", closeTo(6.5, 1e-9))
                .body("hourlyRate", closeTo(30.0, 1e-9))
                .body("remainingCost", closeTo(4 * 6.5 / 3600 * 30.0, 1e-9)));

        double alpha = KrippendorffAlpha.nominal(List.of(List.of("pos", "pos", "pos"), List.of("pos", "pos", "neg"))).alpha();
        given().config(DOUBLES).auth().oauth2(QualityFixtures.token(project.reviewer, Roles.REVIEWER))
                .get("/projects/{p}/quality/agreement", project.projectId)
                .then().statusCode(200)
                .body("current.annotationCount", equalTo(6))
                .body("current.alpha", closeTo(alpha, 1e-9))
                .body("current.confusedPairs[0].first", equalTo("neg"))
                .body("current.confusedPairs[0].second", equalTo("pos"))
                .body("current.confusedPairs[0].count", equalTo(2));
        given().auth().oauth2(manager).queryParam("limit", 0).get("/projects/{p}/quality/items", project.projectId)
                .then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void remainingLabelsCountEachItemAtItsOwnK() {
        QualityFixtures project = new QualityFixtures(QualityFixtures.majority(), 3).defined();
        UUID single = project.itemWithOwnK(1);
        project.itemWithOwnK(1);
        UUID four = project.itemWithOwnK(4);
        project.item(ItemKind.REGULAR);
        project.label(single, project.annotators.get(0), "pos");
        project.label(four, project.annotators.get(0), "pos");
        String manager = QualityFixtures.token(project.manager, Roles.MANAGER);

        await().atMost(WAIT).untilAsserted(() -> given().config(DOUBLES).auth().oauth2(manager)
                .get("/projects/{p}/quality/progress", project.projectId)
                .then().statusCode(200)
                .body("totalItems", equalTo(4))
                .body("items.UNLABELED", equalTo(2))
                .body("items.IN_PROGRESS", equalTo(1))
                .body("items.RESOLVED", equalTo(1))
                // one for the unlabeled item of own k 1, three more for the item of own k 4, three for the
                // project's item
                .body("remainingLabels", equalTo(7))
                .body("remainingCost", closeTo(7 * 6.5 / 3600 * 30.0, 1e-9)));
    }
}
