package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.devstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * An annotator labels one item of every task type through the console's page in a real browser, with the
 * mouse and the keyboard as a person would; each label is then read back from the annotation API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleAnnotatorBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> ONE_LABEL_EACH = Map.of("annotatorsPerItem", 1, "maxAnnotatorsPerItem", 1,
            "goldRate", 0.0, "spotCheckRate", 0.0);

    private final Platform platform = new Platform();
    private BrowserSession browser;

    @BeforeAll
    void openBrowser() {
        browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE));
        browser.signIn(platform.token("alice", "annotator"));
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void singleLabelWithItsKeyboardShortcut() {
        UUID project = project(Map.of("taskType", "SINGLE_LABEL", "labels", labels("cat", "dog")),
                Map.of("text", "It barks at the postman."));
        openTask(project);
        assertThat(browser.driver.findElement(By.id("guidelines-body")).getText()).contains("Label what you see.");
        assertThat(browser.driver.findElement(By.id("item-text")).getText()).isEqualTo("It barks at the postman.");

        new Actions(browser.driver).sendKeys("2").perform();

        assertThat(submitAndReadBack(project)).isEqualTo(json("{\"choice\":\"dog\"}"));
    }

    @Test
    void multiLabelWithKeyAndClick() {
        UUID project = project(Map.of("taskType", "MULTI_LABEL", "labels", labels("sports", "politics", "tech")),
                Map.of("text", "The minister opened a robot football match."));
        openTask(project);

        new Actions(browser.driver).sendKeys("1").perform();
        browser.driver.findElement(By.cssSelector("#control button[data-label='tech']")).click();

        assertThat(submitAndReadBack(project).path("choices")).containsExactly(
                JSON.getNodeFactory().textNode("sports"), JSON.getNodeFactory().textNode("tech"));
    }

    @Test
    void spansTaggedFromSelectedTextOneRemovedAgain() {
        UUID project = project(Map.of("taskType", "SPANS", "labels", labels("PER", "LOC")),
                Map.of("text", "Alice met Bob in Paris."));
        openTask(project);

        tag("Alice");
        new Actions(browser.driver).sendKeys("2").perform();
        tag("Paris");
        tag("met");
        browser.driver.findElement(By.cssSelector("#span-list button[aria-label='Remove LOC met']")).click();

        JsonNode spans = submitAndReadBack(project).path("spans");
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0)).isEqualTo(json("{\"start\":0,\"end\":5,\"label\":\"PER\",\"text\":\"Alice\"}"));
        assertThat(spans.get(1)).isEqualTo(json("{\"start\":17,\"end\":22,\"label\":\"LOC\",\"text\":\"Paris\"}"));
    }

    @Test
    void boxDrawnMovedAndResizedWithTheMouse() {
        UUID project = project(Map.of("taskType", "BOXES", "labels", labels("car", "person")),
                Map.of("imageUrl", "http://localhost:9/street.jpg", "width", 400, "height", 300));
        openTask(project);
        WebElement stage = browser.waitFor(By.id("box-stage"));

        // offsets are from the stage's centre (200, 150): draw from (50, 40) to (150, 120)
        new Actions(browser.driver).moveToElement(stage, -150, -110).clickAndHold().moveByOffset(100, 80).release().perform();
        // drag the box's middle by (20, 10), then its corner handle by (10, 10)
        new Actions(browser.driver).moveToElement(stage, -100, -70).clickAndHold().moveByOffset(20, 10).release().perform();
        WebElement handle = browser.driver.findElement(By.cssSelector("#box-stage .handle"));
        new Actions(browser.driver).moveToElement(handle).clickAndHold().moveByOffset(10, 10).release().perform();

        JsonNode boxes = submitAndReadBack(project).path("boxes");
        assertThat(boxes).hasSize(1);
        JsonNode box = boxes.get(0);
        assertThat(box.path("label").asText()).isEqualTo("car");
        // the stage may sit at a fractional page position: corners within a pixel, sizes exact
        assertThat(box.path("x").asDouble()).isCloseTo(70, within(1.0));
        assertThat(box.path("y").asDouble()).isCloseTo(50, within(1.0));
        assertThat(box.path("width").asDouble()).isCloseTo(110, within(1.0));
        assertThat(box.path("height").asDouble()).isCloseTo(90, within(1.0));
    }

    @Test
    void rankingReorderedWithButtonAndKeyboard() {
        UUID project = project(Map.of("taskType", "RANKING"), Map.of("prompt", "Most helpful first", "candidates", List.of(
                Map.of("id", "a", "text", "Try turning it off and on."), Map.of("id", "b", "text", "No idea."),
                Map.of("id", "c", "text", "Here are the three steps that fix it."))));
        openTask(project);

        browser.driver.findElement(By.cssSelector("#ranking button[aria-label='Move up c']")).click();
        browser.driver.findElement(By.cssSelector("#ranking li[data-id='c']")).sendKeys(Keys.chord(Keys.ALT, Keys.ARROW_UP));

        assertThat(submitAndReadBack(project)).isEqualTo(json("{\"ranking\":[\"c\",\"a\",\"b\"]}"));
    }

    @Test
    void ratingOnItsScale() {
        UUID project = project(Map.of("taskType", "RATING", "constraints", Map.of("scaleMin", 1, "scaleMax", 5, "scaleStep", 1)),
                Map.of("text", "A clear, friendly answer."));
        openTask(project);
        assertThat(browser.driver.findElements(By.cssSelector("#control [role='radio']"))).hasSize(5);

        new Actions(browser.driver).sendKeys("4").perform();

        assertThat(submitAndReadBack(project).path("rating").asDouble()).isEqualTo(4.0);
    }

    @Test
    void preferenceByItsLetter() {
        UUID project = project(Map.of("taskType", "PREFERENCE"), Map.of("prompt", "Which answer is kinder?", "candidates", List.of(
                Map.of("id", "a", "text", "Read the manual."), Map.of("id", "b", "text", "Happy to help!"))));
        openTask(project);

        new Actions(browser.driver).sendKeys("b").perform();

        assertThat(submitAndReadBack(project)).isEqualTo(json("{\"preferred\":\"b\"}"));
    }

    @Test
    void aRefusedSkipShowsTheProblemAsTheApiWordsIt() {
        UUID project = project(Map.of("taskType", "SINGLE_LABEL", "labels", labels("cat", "dog")), Map.of("text", "Meow."));
        openTask(project);

        browser.driver.findElement(By.id("skip")).click();

        WebElement problem = browser.waitFor(By.cssSelector("#messages .problem"));
        assertThat(problem.getAttribute("role")).isEqualTo("alert");
        assertThat(problem.getText()).contains("reason");
        assertThat(browser.driver.findElement(By.id("task")).isDisplayed()).isTrue();

        browser.driver.findElement(By.id("skip-reason")).sendKeys("cannot tell from one word");
        browser.driver.findElement(By.id("skip")).click();
        browser.waitForText(By.id("messages"), "Task skipped.");
    }

    @Test
    void aSubmittedLabelIsRevisedWithinTheGraceWindow() {
        UUID project = project(Map.of("taskType", "SINGLE_LABEL", "labels", labels("cat", "dog")), Map.of("text", "It purrs."));
        openTask(project);
        new Actions(browser.driver).sendKeys("2").perform();
        assertThat(submitAndReadBack(project)).isEqualTo(json("{\"choice\":\"dog\"}"));

        browser.waitFor(By.cssSelector("#recent-list button.revise")).click();
        // the same control, preloaded with the submitted label
        browser.waitFor(By.cssSelector("#task:not([hidden]) #control button[data-label='dog'][aria-pressed='true']"));
        assertThat(browser.driver.findElement(By.id("submit")).getText()).isEqualTo("Submit revision");
        new Actions(browser.driver).sendKeys("1").perform();
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.id("messages"), "Revision saved.");

        JsonNode annotation = mine(project);
        assertThat(annotation.path("label")).isEqualTo(json("{\"choice\":\"cat\"}"));
        assertThat(annotation.path("revision").asInt()).isEqualTo(1);
        assertThat(browser.driver.findElement(By.cssSelector("#recent-list li")).getText()).contains("cat");
    }

    @Test
    void aRevisionAfterTheWindowShowsTheRefusalAsTheApiWordsIt() {
        // a lease of a few seconds and a short grace: the window closes while the annotator is still revising
        Map<String, Object> policies = new HashMap<>(ONE_LABEL_EACH);
        policies.put("leaseSeconds", 6);
        policies.put("revisionGraceSeconds", 1);
        UUID project = platform.activeProject(Map.of("taskType", "SINGLE_LABEL", "labels", labels("cat", "dog")), policies, List.of("alice"));
        platform.ingest(project, List.of(Map.of("externalId", "item-" + UUID.randomUUID(), "data", Map.of("text", "Woof."))));
        openTask(project);
        new Actions(browser.driver).sendKeys("2").perform();
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.id("messages"), "Label saved.");
        browser.waitFor(By.cssSelector("#recent-list button.revise")).click();
        new Actions(browser.driver).sendKeys("1").perform();

        // the page stops offering the revision once the window has closed
        await().atMost(Duration.ofSeconds(30)).until(() -> !browser.driver.findElement(By.id("recent")).isDisplayed());
        browser.driver.findElement(By.id("submit")).click();

        WebElement problem = browser.waitFor(By.cssSelector("#messages .problem"));
        assertThat(problem.getText()).contains("can no longer be revised");
        assertThat(mine(project).path("label")).isEqualTo(json("{\"choice\":\"dog\"}"));
    }

    @Test
    void aUserInNoProjectIsToldSoAndNothingBreaks() {
        try (BrowserSession other = new BrowserSession(browser.consoleUrl)) {
            other.signIn(platform.token("nobody", "annotator"));
            other.waitForText(By.id("messages"), "not an annotator in any project");
            assertThat(other.driver.findElement(By.id("next-task")).isEnabled()).isFalse();
        }
    }

    private UUID project(Map<String, Object> schema, Map<String, Object> data) {
        UUID projectId = platform.activeProject(schema, ONE_LABEL_EACH, List.of("alice"));
        platform.ingest(projectId, List.of(Map.of("externalId", "item-" + UUID.randomUUID(), "data", data)));
        return projectId;
    }

    /** Opens the project on the annotator page and asks for tasks until one is shown (the services learn of a new project a moment later). */
    private void openTask(UUID projectId) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.driver.get(browser.consoleUrl + "/annotate.html?project=" + projectId);
            WebElement select = browser.waitFor(By.id("project"));
            return projectId.toString().equals(select.getAttribute("value"));
        });
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.driver.findElement(By.id("next-task")).click();
            try {
                browser.waitFor(By.cssSelector("#task:not([hidden]) #control *"));
                return true;
            } catch (org.openqa.selenium.TimeoutException notYet) {
                return false;
            }
        });
    }

    private void tag(String text) {
        ((JavascriptExecutor) browser.driver).executeScript("""
                const shown = document.getElementById('span-text');
                const walker = document.createTreeWalker(shown, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                  const at = node.textContent.indexOf(arguments[0]);
                  if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + arguments[0].length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    return;
                  }
                }
                throw new Error('no text ' + arguments[0]);""", text);
        browser.driver.findElement(By.id("tag-selection")).click();
    }

    /** Submits on the page, then reads the caller's annotation of the project from the annotation API. */
    private JsonNode submitAndReadBack(UUID projectId) {
        browser.driver.findElement(By.id("submit")).click();
        browser.waitForText(By.id("messages"), "Label saved.");
        return mine(projectId).path("label");
    }

    /** Alice's one annotation of the project, read from the annotation API. */
    private JsonNode mine(UUID projectId) {
        HttpResponse<String> mine = platform.call("annotation-service", "GET", "/annotations/mine?projectId=" + projectId,
                platform.token("alice", "annotator"), null);
        assertThat(mine.statusCode()).isEqualTo(200);
        JsonNode annotations = json(mine.body());
        assertThat(annotations).hasSize(1);
        return annotations.get(0);
    }

    private static List<Map<String, Object>> labels(String... names) {
        List<Map<String, Object>> labels = new ArrayList<>();
        for (String name : names) {
            labels.add(Map.of("name", name));
        }
        return labels;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
