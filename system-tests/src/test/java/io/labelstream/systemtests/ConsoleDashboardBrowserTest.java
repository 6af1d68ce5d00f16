package io.labelstream.systemtests;

import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.demo.StackClient;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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

            Path screenshot = browser.screenshot("dashboard");
            assertThat(Files.size(screenshot)).isGreaterThan(1000);
        }
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
