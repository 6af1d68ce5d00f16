package io.labelstream.systemtests;

import io.labelstream.devstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an annotator's browser can get through the console: their own task and labels, never a gold answer
 * and never another annotator's label, whichever public path the page (or the annotator, from the
 * browser's console) asks for.
 */
class ConsoleAnnotatorIsolationTest {

    private static final String GOLD_TEXT = "a reference item whose answer must stay hidden";

    private final Platform platform = new Platform();

    @Test
    void anAnnotatorsPassThroughNeverYieldsGoldAnswersOrOtherAnnotatorsLabels() {
        UUID project = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"))),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0, "spotCheckRate", 0.0),
                List.of("alice", "bob"));
        List<UUID> items = platform.ingest(project, List.of(
                Map.of("externalId", "regular-" + platform.suffix, "data", Map.of("text", "It purrs on the sofa.")),
                Map.of("externalId", "gold-" + platform.suffix, "data", Map.of("text", GOLD_TEXT),
                        "referenceAnswer", Map.of("choice", "dog"))));
        UUID regular = items.get(0);
        UUID gold = items.get(1);
        // bob labels first, with the label alice will not give
        platform.submit("bob", await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.next("bob", project), next -> next.lease().isPresent()).lease().orElseThrow(),
                Map.of("choice", "dog"));

        try (BrowserSession browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE))) {
            browser.signIn(platform.token("alice", "annotator"));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.driver.get(browser.consoleUrl + "/annotate.html?project=" + project);
                return project.toString().equals(browser.waitFor(By.id("project")).getAttribute("value"));
            });
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                browser.driver.findElement(By.id("next-task")).click();
                return !browser.driver.findElements(By.cssSelector("#task:not([hidden]) #control button")).isEmpty();
            });
            String leased = fetch(browser, "assignment", "/projects/" + project + "/assignments").get("body").toString();
            assertThat(leased).doesNotContain("referenceAnswer").doesNotContain("\"choice\":\"dog\"").doesNotContain("bob-");

            browser.driver.findElement(By.cssSelector("#control button[data-label='cat']")).click();
            browser.driver.findElement(By.id("submit")).click();
            browser.waitForText(By.id("messages"), "Label saved.");

            Map<String, String> closed = new LinkedHashMap<>();
            closed.put("ingestion", "/projects/" + project + "/items/" + gold);
            closed.put("ingestion ", "/projects/" + project + "/items");
            closed.put("annotation", "/items/" + regular + "/annotations");
            closed.put("quality", "/projects/" + project + "/quality/items/" + regular);
            closed.put("quality ", "/projects/" + project + "/quality/items");
            closed.put("adjudication", "/projects/" + project + "/dataset");
            closed.put("adjudication ", "/projects/" + project + "/reviews");
            closed.forEach((service, path) -> {
                Map<String, Object> answer = fetch(browser, service.trim(), path);
                assertThat(((Number) answer.get("status")).intValue()).as(service + path).isIn(401, 403, 404);
                assertThat(answer.get("body").toString()).as(service + path).doesNotContain("\"choice\":\"dog\"").doesNotContain("bob-");
            });

            Map<String, Object> mine = fetch(browser, "annotation", "/annotations/mine?projectId=" + project);
            assertThat(((Number) mine.get("status")).intValue()).isEqualTo(200);
            assertThat(mine.get("body").toString()).contains("alice-" + platform.suffix).doesNotContain("bob-");

            Object projects = ((JavascriptExecutor) browser.driver).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "consoleApi('/console/projects').then(b => done(JSON.stringify(b)), e => done('error ' + e.message));");
            assertThat(projects.toString()).contains(project.toString()).doesNotContain("bob-").doesNotContain("referenceAnswer");
        }
    }

    /** A call as the signed-in page makes it, through the console's pass-through: {status, body}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fetch(BrowserSession browser, String service, String path) {
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const session = Session.get();
                fetch('/api/' + arguments[0] + arguments[1], { headers: { 'Authorization': 'Bearer ' + session.token } })
                  .then(r => r.text().then(body => done({ status: r.status, body })))
                  .catch(e => done({ status: -1, body: String(e) }));""", service, path);
    }
}
