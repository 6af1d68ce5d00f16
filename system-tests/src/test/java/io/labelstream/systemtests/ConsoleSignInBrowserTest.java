package io.labelstream.systemtests;

import io.labelstream.devstack.LocalStack;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static org.assertj.core.api.Assertions.assertThat;

/** In the local stack the sign-in page offers the launcher's demo users, one click each. */
class ConsoleSignInBrowserTest {

    @Test
    void aDemoUserSignsInWithOneClick() {
        try (BrowserSession browser = new BrowserSession(RunningStack.url(LocalStack.CONSOLE))) {
            browser.driver.get(browser.consoleUrl + "/index.html");
            browser.waitFor(By.id("demo-users"));
            assertThat(browser.driver.findElements(By.cssSelector("#demo-user-list button")))
                    .extracting(b -> b.getAttribute("data-user"))
                    .containsExactlyElementsOf(LocalStack.DEMO_USERS.keySet());

            browser.driver.findElement(By.cssSelector("#demo-user-list button[data-user='rita']")).click();

            browser.waitForText(By.id("who"), "rita (reviewer)");
            assertThat(browser.driver.getCurrentUrl()).endsWith("/review.html");
        }
    }
}
