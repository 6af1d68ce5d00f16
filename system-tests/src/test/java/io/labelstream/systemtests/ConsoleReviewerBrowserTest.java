package io.labelstream.systemtests;

import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.devstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A reviewer settles a disputed item on the review page, and its gold label is published. */
class ConsoleReviewerBrowserTest {

    private final Platform platform = new Platform();

    @Test
    void aReviewerDecidesADisputedItemAndTheGoldLabelAppears() {
        UUID project = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.99, "targetAgreement", 0.9),
                List.of("alice", "bob"));
        UUID item = platform.ingest(project, List.of(Map.of("externalId", "disputed-" + platform.suffix,
                "data", Map.of("text", "It purrs and it barks.")))).get(0);
        platform.submit("alice", lease("alice", project), Map.of("choice", "cat"));
        platform.submit("bob", lease("bob", project), Map.of("choice", "dog"));
        String reviewer = platform.token("rita", "reviewer");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> queue = platform.call("adjudication-service", "GET",
                    "/projects/" + project + "/reviews?state=PENDING", reviewer, null);
            return queue.statusCode() == 200 && queue.body().contains(item.toString());
        });

        try (BrowserSession browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE))) {
            browser.signIn(reviewer);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.driver.get(browser.consoleUrl + "/review.html?project=" + project);
                return project.toString().equals(browser.waitFor(By.id("project")).getAttribute("value"));
            });
            browser.driver.findElement(By.id("next-case")).click();
            browser.waitFor(By.cssSelector("#case:not([hidden]) #annotations tbody tr"));
            assertThat(browser.driver.findElements(By.cssSelector("#annotations tbody tr"))).hasSize(2);
            assertThat(browser.driver.findElement(By.id("consensus")).getText()).contains("DISPUTED");

            browser.driver.findElement(By.cssSelector("button[data-annotator='" + platform.user("bob") + "']")).click();
            browser.driver.findElement(By.id("note")).sendKeys("barking decides it");
            browser.driver.findElement(By.id("decide")).click();
            browser.waitForText(By.id("messages"), "Decided");
        }

        GoldLabel gold = await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.gold(project).get(item), g -> g != null);
        assertThat(gold.label().path("choice").asText()).isEqualTo("dog");
        assertThat(gold.decidedBy()).isEqualTo(DecidedBy.REVIEWER);
    }

    private io.labelstream.devstack.demo.StackClient.Lease lease(String annotator, UUID project) {
        return await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.next(annotator, project), next -> next.lease().isPresent()).lease().orElseThrow();
    }
}
