package io.labelstream.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The manager's dashboard draws its charts from a project's real figures; a screenshot is kept for a person to look at. */
class ConsoleDashboardBrowserTest {

    private final Platform platform = new Platform();

    @Test
    void theDashboardChartsAProjectsProgressAgreementAndConfusedPairs() throws Exception {
        UUID project = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "cat"), Map.of("name", "dog"), Map.of("name", "bird"))),
                Map.of("annotatorsPerItem", 2, "maxAnnotatorsPerItem", 2, "goldRate", 0.0, "spotCheckRate", 0.0),
                List.of("alice", "bob"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            items.add(Map.of("externalId", "animal-" + i + "-" + platform.suffix, "data", Map.of("text", "animal " + i)));
        }
        platform.ingest(project, items);
        // alice and bob agree on two items and confuse cat with dog on the other two
        List<String> alice = List.of("cat", "dog", "cat", "cat");
        List<String> bob = List.of("cat", "dog", "dog", "dog");
        for (int i = 0; i < 4; i++) {
            StackClient.Lease a = lease("alice", project);
            platform.submit("alice", a, Map.of("choice", planned(a, alice)));
            StackClient.Lease b = lease("bob", project);
            platform.submit("bob", b, Map.of("choice", planned(b, bob)));
        }
        String manager = platform.token("mona", "manager");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            HttpResponse<String> agreement = platform.call("quality-service", "GET", "/projects/" + project + "/quality/agreement", manager, null);
            return agreement.statusCode() == 200 && agreement.body().contains("\"annotationCount\":8");
        });

        try (BrowserSession browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE))) {
            browser.signIn(manager);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                browser.driver.get(browser.consoleUrl + "/dashboard.html?project=" + project);
                return project.toString().equals(browser.waitFor(By.id("project")).getAttribute("value"));
            });
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(js.executeScript(
                    "const c = id => echarts.getInstanceByDom(document.getElementById(id));"
                            + "return !!(c('chart-progress') && c('chart-agreement') && c('chart-confusion'));")));

            Number items4 = (Number) js.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-progress'))"
                    + ".getOption().series[0].data.reduce((a, b) => a + b, 0);");
            assertThat(items4.intValue()).isEqualTo(4);
            Number alphaPoints = (Number) js.executeScript("return echarts.getInstanceByDom(document.getElementById('chart-agreement'))"
                    + ".getOption().series[0].data.filter(p => p[1] !== null).length;");
            assertThat(alphaPoints.intValue()).isGreaterThanOrEqualTo(1);
            @SuppressWarnings("unchecked")
            List<List<Number>> cells = (List<List<Number>>) js.executeScript("return echarts.getInstanceByDom("
                    + "document.getElementById('chart-confusion')).getOption().series[0].data;");
            // cat (0) and dog (1) confused twice, drawn on both sides of the diagonal
            assertThat(cells).anySatisfy(cell -> {
                assertThat(cell.get(0).intValue()).isEqualTo(0);
                assertThat(cell.get(1).intValue()).isEqualTo(1);
                assertThat(cell.get(2).intValue()).isEqualTo(2);
            });
            assertThat(browser.driver.findElements(By.cssSelector("#annotators tbody tr"))).hasSize(2);
            assertThat(browser.driver.findElement(By.id("forecast")).getText()).contains("4 items");
            // no pilot and no model yet: a sentence each, and no empty chart
            assertThat(browser.waitFor(By.id("calibration-none")).getText()).contains("No pilot items");
            assertThat(browser.waitFor(By.id("learning-none")).getText()).contains("No model");
            assertThat(browser.driver.findElement(By.id("chart-learning")).isDisplayed()).isFalse();

            Path screenshot = browser.screenshot("dashboard");
            assertThat(Files.size(screenshot)).isGreaterThan(1000);
        }
    }

    @Test
    void theDashboardShowsAPilotsCalibrationAndAModelsLearningCurve() {
        UUID pilot = pilotProject();
        // alice and bob agree on both pilot items, one of each label: kappa 1, above the target
        for (String annotator : List.of("alice", "bob")) {
            for (int n = 0; n < 2; n++) {
                StackClient.Lease lease = lease(annotator, pilot);
                platform.submit(annotator, lease, Map.of("choice", lease.data().path("text").asText().startsWith("WIN") ? "spam" : "ham"));
            }
        }
        UUID learning = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))),
                Map.of("annotatorsPerItem", 1, "maxAnnotatorsPerItem", 1, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5, "aggregation", "MAJORITY",
                        "learning", Map.of("strategy", "UNCERTAINTY", "seedItems", 2, "retrainEvery", 1)),
                List.of("alice"));
        List<Map<String, Object>> messages = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            messages.add(Map.of("externalId", "sms-" + i + "-" + platform.suffix, "data", Map.of("text", sms(i))));
        }
        platform.ingest(learning, messages);
        for (int i = 0; i < 4; i++) {
            StackClient.Lease lease = lease("alice", learning);
            platform.submit("alice", lease, Map.of("choice", lease.data().path("text").asText().startsWith("WIN") ? "spam" : "ham"));
        }
        String manager = platform.token("mona", "manager");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> platform.client.get(
                "quality-service", "/projects/" + pilot + "/quality/calibration", manager).path("state").asText().equals("PASSED"));
        // a training after every gold label: once the latest saw all four, no other training follows
        JsonNode models = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(
                () -> platform.client.get("learning-service", "/projects/" + learning + "/models", manager),
                m -> m.size() > 0 && m.get(0).path("trainingLabels").asInt() == 4);

        try (BrowserSession browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE))) {
            browser.signIn(manager);
            open(browser, pilot);
            WebElement verdict = browser.waitFor(By.id("calibration-verdict"));
            assertThat(verdict.getText()).contains("PASSED").contains("kappa 1.000").contains("2 pilot items");
            List<WebElement> annotators = browser.driver.findElements(By.cssSelector("#calibration-annotators tbody tr"));
            assertThat(annotators).extracting(WebElement::getText).anySatisfy(row -> assertThat(row).startsWith(platform.user("alice")))
                    .anySatisfy(row -> assertThat(row).startsWith(platform.user("bob")));
            assertThat(browser.waitFor(By.id("learning-none")).getText()).contains("No model");
            ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('calibration-heading').scrollIntoView()");
            browser.screenshot("dashboard-calibration");

            open(browser, learning);
            JavascriptExecutor js = (JavascriptExecutor) browser.driver;
            await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(js.executeScript(
                    "return !!echarts.getInstanceByDom(document.getElementById('chart-learning'));")));
            @SuppressWarnings("unchecked")
            List<List<Number>> curve = (List<List<Number>>) js.executeScript("return echarts.getInstanceByDom("
                    + "document.getElementById('chart-learning')).getOption().series[0].data;");
            // one point per model version, oldest first: (gold labels it saw, its cross-validated macro-F1)
            assertThat(curve).hasSize(models.size());
            for (int i = 0; i < models.size(); i++) {
                JsonNode model = models.get(models.size() - 1 - i);
                assertThat(curve.get(i).get(0).intValue()).isEqualTo(model.path("trainingLabels").asInt());
                assertThat(curve.get(i).get(1).doubleValue()).isEqualTo(model.at("/metrics/macroF1").asDouble());
            }
            assertThat(browser.driver.findElement(By.id("learning-latest")).getText())
                    .contains("version " + models.get(0).path("version").asInt()).contains("4 gold labels");
            js.executeScript("document.getElementById('learning-heading').scrollIntoView()");
            browser.screenshot("dashboard-learning-curve");
        }
    }

    @Test
    void aManagerExportsTheGoldSetAndCreatesAReleaseOnTheDashboard() throws Exception {
        UUID project = platform.activeProject(
                Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))),
                Map.of("annotatorsPerItem", 1, "maxAnnotatorsPerItem", 1, "goldRate", 0.0, "spotCheckRate", 0.0,
                        "autoAcceptConfidence", 0.5, "targetAgreement", 0.5, "aggregation", "MAJORITY"),
                List.of("alice"));
        platform.ingest(project, List.of(
                Map.of("externalId", "sms-0-" + platform.suffix, "data", Map.of("text", sms(0))),
                Map.of("externalId", "sms-1-" + platform.suffix, "data", Map.of("text", sms(1)))));
        for (int i = 0; i < 2; i++) {
            StackClient.Lease lease = lease("alice", project);
            platform.submit("alice", lease, Map.of("choice", lease.data().path("text").asText().startsWith("WIN") ? "spam" : "ham"));
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> platform.gold(project).size() == 2);
        String manager = platform.token("mona", "manager");
        String name = "v1-" + platform.suffix;

        try (BrowserSession browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE))) {
            browser.signIn(manager);
            open(browser, project);
            browser.waitFor(By.id("releases-none"));

            browser.driver.findElement(By.id("export-dataset")).click();
            browser.waitForText(By.id("export-status"), "Downloaded");
            assertThat(browser.driver.findElement(By.id("export-status")).getText()).contains("2 gold labels");

            browser.driver.findElement(By.id("release-name")).sendKeys(name);
            browser.driver.findElement(By.id("release-description")).sendKeys("first training set");
            browser.driver.findElement(By.id("create-release")).click();
            browser.waitForText(By.id("dataset-messages"), "Release " + name + " created: 2 gold labels");
            WebElement row = browser.waitFor(By.cssSelector("#releases tbody tr[data-name='" + name + "']"));
            assertThat(row.getText()).contains("first training set").contains(platform.user("mona"));
            JsonNode releases = platform.client.get("adjudication-service", "/projects/" + project + "/releases", manager);
            assertThat(releases).hasSize(1);
            assertThat(releases.get(0).path("name").asText()).isEqualTo(name);
            assertThat(releases.get(0).path("labelCount").asInt()).isEqualTo(2);

            // the release's bytes as the page received them hash to the release's checksum
            row.findElement(By.cssSelector("button.download-release")).click();
            browser.waitForText(By.id("dataset-messages"), "SHA-256 matches the release");

            // the same name again: the API's conflict, as it words it
            browser.driver.findElement(By.id("release-name")).sendKeys(name);
            browser.driver.findElement(By.id("create-release")).click();
            WebElement conflict = browser.waitFor(By.cssSelector("#dataset-messages .problem"));
            assertThat(conflict.getAttribute("role")).isEqualTo("alert");
            assertThat(conflict.getText()).contains("release '" + name + "'").contains("already exists");
            assertThat(platform.client.get("adjudication-service", "/projects/" + project + "/releases", manager)).hasSize(1);

            // a name the API refuses: the offending field and its reason
            browser.driver.findElement(By.id("release-name")).clear();
            browser.driver.findElement(By.id("release-name")).sendKeys("no spaces allowed");
            browser.driver.findElement(By.id("create-release")).click();
            browser.waitForText(By.cssSelector("#dataset-messages .problem"), "letters, digits");
            assertThat(browser.driver.findElements(By.cssSelector("#releases tbody tr"))).hasSize(1);

            // narrowed to re-decided items (gold version 2 and up): none yet, in the download and in a release
            browser.driver.findElement(By.id("filter-min-version")).sendKeys("2");
            browser.driver.findElement(By.id("export-dataset")).click();
            browser.waitForText(By.id("export-status"), "0 gold labels");
            browser.driver.findElement(By.id("release-name")).clear();
            browser.driver.findElement(By.id("release-name")).sendKeys("corrections-" + platform.suffix);
            browser.driver.findElement(By.id("create-release")).click();
            browser.waitForText(By.id("dataset-messages"), "Release corrections-" + platform.suffix + " created: 0 gold labels");
            JsonNode both = platform.client.get("adjudication-service", "/projects/" + project + "/releases", manager);
            assertThat(both).hasSize(2);
            assertThat(both.get(1).path("labelCount").asInt()).isZero();
            ((JavascriptExecutor) browser.driver).executeScript("document.getElementById('datasets-heading').scrollIntoView()");
            browser.screenshot("dashboard-releases");
        }
    }

    /** Opens a project's dashboard, again while the console has not heard of the project yet. */
    private static void open(BrowserSession browser, UUID project) {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.driver.get(browser.consoleUrl + "/dashboard.html?project=" + project);
            return project.toString().equals(browser.waitFor(By.id("project")).getAttribute("value"));
        });
    }

    /** A project in PILOT whose pilot annotators alice and bob label two pilot items; two complete items decide. */
    private UUID pilotProject() {
        List<Map<String, Object>> members = new ArrayList<>();
        for (String annotator : List.of("alice", "bob")) {
            members.add(Map.of("userId", platform.user(annotator), "role", "ANNOTATOR", "pilot", true));
        }
        members.add(Map.of("userId", platform.user("ivan"), "role", "INGESTOR"));
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "pilot " + platform.suffix);
        draft.put("schema", Map.of("taskType", "SINGLE_LABEL", "labels", List.of(Map.of("name", "ham"), Map.of("name", "spam"))));
        draft.put("guidelines", Map.of("text", "Spam sells something."));
        draft.put("policies", Map.of("annotatorsPerItem", 2, "calibrationTargetKappa", 0.8, "calibrationMinItems", 2));
        draft.put("members", members);
        String manager = platform.token("mona", "manager");
        UUID projectId = platform.client.createProject(manager, draft);
        platform.client.changeState(manager, projectId, "PILOT");
        platform.ingest(projectId, List.of(
                Map.of("externalId", "pilot-0-" + platform.suffix, "data", Map.of("text", sms(0)), "pilot", true),
                Map.of("externalId", "pilot-1-" + platform.suffix, "data", Map.of("text", sms(1)), "pilot", true)));
        return projectId;
    }

    private static String sms(int i) {
        return i % 2 == 0 ? "WIN cash prize " + i + " call now" : "see you at lunch " + i + " ok";
    }

    /** The planned answer for the leased item, whichever order the items are served in. */
    private static String planned(StackClient.Lease lease, List<String> plan) {
        return plan.get(Integer.parseInt(lease.data().path("text").asText().substring("animal ".length())));
    }

    private StackClient.Lease lease(String annotator, UUID project) {
        return await().atMost(Duration.ofMinutes(1))
                .until(() -> platform.next(annotator, project), next -> next.lease().isPresent()).lease().orElseThrow();
    }
}
