package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TcpProxy;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page at /app/ in a real browser, through nginx to the packaged WAR on Tomcat 11. */
@ResetDatabase
class BrowserPageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] AUTH = {"Authorization", "Bearer " + TestToken.VALUE,
            "Content-Type", "application/json"};
    private static Browser browser;

    private final FrontDoorClient client = new FrontDoorClient();
    private final URI front = TestedStack.current().orElseThrow().baseUri();
    private final String app = front.resolve("app/").toString();

    @RegisterExtension
    final TestWatcher screenshotOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeAll
    static void startBrowser() {
        if (Browser.installed()) {
            browser = Browser.start(0);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void freshTab() {
        // Per test, so that a machine without Chromium or axe-core reports each test skipped, with the reason.
        Browser.requireInstalled();
        browser.open(app);
        browser.driver().executeScript("sessionStorage.clear();");
        browser.consoleErrors();
    }

    @AfterEach
    void noConsoleErrorsNorPolicyViolations(TestInfo test) {
        assertEquals(List.of(), browser.consoleErrors(), "console errors in " + test.getDisplayName());
        assertEquals(List.of(), browser.cspViolations(), "CSP violations in " + test.getDisplayName());
    }

    @Test
    void listsNewestFirstAndPagesOlderByTheApisNextLink() throws Exception {
        for (int i = 1; i <= 11; i++) {
            create("Numbered post " + i, "n@example.com");
        }
        open("");

        List<String> newest = contents();
        assertEquals(10, newest.size());
        assertEquals("Numbered post 11", newest.get(0));
        assertEquals("Numbered post 2", newest.get(9));
        browser.screenshot("list");

        click(By.id("older"));
        wait.until(d -> d.getCurrentUrl().contains("before=") && contents().size() == 3);
        assertEquals(List.of("Numbered post 1", "Second", "Hello"), contents());
        assertFalse(visible("older"), "the last page has no older link");

        browser.driver().navigate().back();
        wait.until(d -> contents().size() == 10);
    }

    @Test
    void opensAPostByItsPermalinkAndBackAndForwardWork() {
        open("");
        click(By.linkText("Open post 1"));
        awaitHeading("Post 1");
        assertEquals("Hello", text("post-content"));
        assertTrue(browser.driver().getCurrentUrl().endsWith("/app/?post=1"));
        browser.screenshot("post");

        browser.reload();
        awaitHeading("Post 1");
        browser.driver().navigate().back();
        awaitHeading("Newest posts");
        browser.driver().navigate().forward();
        awaitHeading("Post 1");
        assertEquals("me@me.com", text("post-author"));
    }

    @Test
    void createsEditsAndDeletesAPostWithTheKeyboardOnly() throws Exception {
        open("");
        tabTo(By.id("token-input"));
        type(TestToken.VALUE, Keys.ENTER);
        tabTo(By.linkText("Write a post"));
        type(Keys.ENTER);
        awaitHeading("Write a post");
        tabTo(By.id("content"));
        type("Typed, not clicked");
        tabTo(By.id("author-email"));
        type("keys@example.com");
        browser.screenshot("write");
        tabTo(By.id("save"));
        type(Keys.ENTER);
        String id = awaitHeadingStartingWith("Post ").substring("Post ".length());
        assertEquals("Typed, not clicked", text("post-content"));
        assertEquals("Post " + id + " published.", text("status"));

        tabTo(By.id("edit-link"));
        type(Keys.ENTER);
        awaitHeading("Edit post " + id);
        tabTo(By.id("content"));
        new Actions(browser.driver()).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).perform();
        type("Edited by keyboard");
        tabTo(By.id("save"));
        type(Keys.ENTER);
        awaitHeading("Post " + id);
        assertEquals("Edited by keyboard", text("post-content"));

        tabTo(By.id("delete-button"));
        type(Keys.ENTER);
        tabTo(By.id("delete-yes"));
        type(Keys.ENTER);
        awaitHeading("Newest posts");
        assertEquals("Post " + id + " deleted.", text("status"));
        assertEquals(404, client.send(front, "GET", "posts/" + id, null).statusCode());
    }

    @Test
    void aStaleEditSaysSoAndKeepsTheTypedTextWhileLoadingTheCurrentVersion() throws Exception {
        enterToken(TestToken.VALUE);
        open("?post=1&edit");
        awaitHeading("Edit post 1");
        WebElement content = browser.driver().findElement(By.id("content"));
        content.clear();
        content.sendKeys("My careful edit");
        assertEquals(200, client.send(front, "PUT", "posts/1",
                "{\"content\":\"Changed elsewhere\",\"author_email\":\"me@me.com\"}", AUTH).statusCode());

        click(By.id("save"));
        wait.until(d -> visible("stale"));
        assertEquals("My careful edit", content.getDomProperty("value"));
        click(By.id("load-current"));
        wait.until(d -> visible("current-version"));
        assertEquals("Changed elsewhere", text("current-content"));
        assertEquals("My careful edit", content.getDomProperty("value"));
        browser.screenshot("stale-edit");

        click(By.id("save"));
        awaitHeading("Post 1");
        assertEquals("My careful edit", text("post-content"));
    }

    @Test
    void aPostWhoseAnswerWasLostIsPublishedOnceWhenPublishedAgain() throws Exception {
        String content = "Answer lost after the commit";
        try (TcpProxy proxy = new TcpProxy(front.getHost(), front.getPort())) {
            String viaProxy = "http://127.0.0.1:" + proxy.port() + "/app/";
            browser.open(viaProxy);
            browser.driver().findElement(By.id("token-input")).sendKeys(TestToken.VALUE, Keys.ENTER);
            wait.until(d -> visible("token-set"));
            browser.open(viaProxy + "?write");
            awaitHeading("Write a post");
            fill(content, "lost@example.com");
            // The create reaches the service and commits; its answer is dropped on the way back (Chromium's own
            // resend of a request on a closed connection meets the same fate).
            proxy.wheneverClientSends("POST /posts ".getBytes(StandardCharsets.US_ASCII), TcpProxy.Then.DROP_ANSWER);

            click(By.id("save"));
            wait.until(d -> visible("notice"));
            assertTrue(text("notice").contains("did not answer"), text("notice"));
            assertEquals(1, TestDatabase.shared().postIdsWithContent(content).size(), "the lost create was made");
            proxy.restore();
            List<String> lostAnswers = browser.consoleErrors();
            assertTrue(lostAnswers.stream().allMatch(m -> m.contains("/posts") && m.contains("ERR_")), lostAnswers.toString());

            click(By.id("save"));
            String heading = awaitHeadingStartingWith("Post ");
            List<Integer> ids = TestDatabase.shared().postIdsWithContent(content);
            assertEquals(1, ids.size(), "published again, still one post");
            assertEquals("Post " + ids.get(0), heading);
        }
    }

    @Test
    void aWrongTokenIsReportedAtTheTokenAndCanBeForgotten() {
        enterToken("not-the-token-at-all");
        open("?write");
        awaitHeading("Write a post");
        fill("A post", "me@example.com");
        click(By.id("save"));

        wait.until(d -> !text("token-error").isEmpty());
        assertTrue(text("token-error").startsWith("The token was not accepted"), text("token-error"));
        assertTrue(text("token-error").contains("request id "), text("token-error"));
        assertFalse(browser.driver().getCurrentUrl().contains("not-the-token"));
        assertEquals("", browser.driver().executeScript("return document.cookie;"));

        click(By.id("forget-token"));
        wait.until(d -> visible("token-form"));
        assertNull(browser.driver().executeScript("return sessionStorage.getItem('posts-api-token');"));
    }

    @Test
    void fieldErrorsAreShownNextToTheirFieldsAndTheCounterCountsUtf8Bytes() {
        enterToken(TestToken.VALUE);
        open("?write");
        awaitHeading("Write a post");
        fill("   ", "not-an-address");
        click(By.id("save"));

        wait.until(d -> !text("content-error").isEmpty());
        assertTrue(text("content-error").startsWith("This text must not be blank"), text("content-error"));
        assertTrue(text("author-email-error").contains("must be an email address"), text("author-email-error"));
        assertTrue(text("author-email-error").contains("request id "), text("author-email-error"));
        assertEquals("true", browser.driver().findElement(By.id("content")).getDomAttribute("aria-invalid"));
        browser.screenshot("field-errors");

        WebElement content = browser.driver().findElement(By.id("content"));
        content.clear();
        content.sendKeys("é€");
        assertEquals("5 of 65,535 bytes", text("content-bytes"));
        browser.driver().executeScript("const c = document.getElementById('content');"
                + "c.value = 'é'.repeat(32768); c.dispatchEvent(new Event('input'));");
        assertEquals("65,536 of 65,535 bytes: 1 too many", text("content-bytes"));
    }

    @Test
    void aPostWithMarkupIsShownAsTextAndRunsNothing() throws Exception {
        String markup = "<script>window.injected = 1</script><img src=x onerror=\"window.injected = 2\"> <b>bold</b>";
        String id = create(markup, "x@example.com");

        open("");
        wait.until(d -> contents().contains(markup));
        open("?post=" + id);
        awaitHeading("Post " + id);
        assertEquals(markup, text("post-content"));
        assertEquals(0L, browser.driver().executeScript(
                "return document.querySelectorAll('.content script, .content img, .content b').length;"));
        assertNull(browser.driver().executeScript("return window.injected;"));
    }

    @Test
    void everyScreenHasNoWcag21AaViolation() throws Exception {
        enterToken(TestToken.VALUE);
        Map<String, String> screens = Map.of("list", "", "post", "?post=1", "write", "?write",
                "edit", "?post=1&edit", "missing", "?post=999");
        for (var screen : screens.entrySet()) {
            open(screen.getValue());
            assertEquals(List.of(), browser.accessibilityViolations(), "screen " + screen.getKey());
        }
        open("?write");
        fill("", "nobody");
        click(By.id("save"));
        wait.until(d -> !text("content-error").isEmpty());
        assertEquals(List.of(), browser.accessibilityViolations(), "screen write with field errors");
    }

    @Test
    void nothingOverflowsAt360PixelsWide() throws Exception {
        create("A".repeat(300) + " https://example.com/" + "very-long-path/".repeat(20), "long-address-" + "x".repeat(60) + "@example.com");
        try (Browser narrow = Browser.start(360)) {
            for (String screen : List.of("", "?post=1", "?write", "?post=1&edit")) {
                narrow.open(app + screen);
                narrow.driver().executeScript("sessionStorage.setItem('posts-api-token', arguments[0]);", TestToken.VALUE);
                narrow.open(app + screen);
                new WebDriverWait(narrow.driver(), Duration.ofSeconds(10))
                        .until(d -> d.findElements(By.cssSelector("main > section:not([hidden]) h1")).size() == 1);
                Object overflow = narrow.driver().executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, overflow, "horizontal overflow at 360 px on " + app + screen);
                if (screen.isEmpty()) {
                    narrow.screenshot("list-360px");
                }
            }
            assertEquals(List.of(), narrow.consoleErrors());
        }
    }

    // --- helpers ---

    private final WebDriverWait wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));

    private void open(String query) {
        browser.open(app + query);
        wait.until(d -> d.findElements(By.cssSelector("main > section:not([hidden]) h1")).size() == 1
                || visible("notice"));
    }

    private void enterToken(String token) {
        open("");
        browser.driver().findElement(By.id("token-input")).sendKeys(token, Keys.ENTER);
        wait.until(d -> visible("token-set"));
    }

    private void fill(String content, String email) {
        browser.driver().findElement(By.id("content")).sendKeys(content);
        browser.driver().findElement(By.id("author-email")).sendKeys(email);
    }

    private void click(By target) {
        wait.until(ExpectedConditions.elementToBeClickable(target)).click();
    }

    /** Presses Tab until the target has the focus, as a keyboard user would reach it. */
    private void tabTo(By target) {
        WebElement wanted = wait.until(ExpectedConditions.visibilityOfElementLocated(target));
        for (int presses = 0; presses < 40; presses++) {
            if (wanted.equals(browser.driver().switchTo().activeElement())) {
                return;
            }
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(target + " is not reachable with the Tab key");
    }

    private void type(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private void awaitHeading(String heading) {
        wait.until(d -> heading.equals(visibleHeading()));
    }

    private String awaitHeadingStartingWith(String prefix) {
        wait.until(d -> visibleHeading().startsWith(prefix));
        return visibleHeading();
    }

    private String visibleHeading() {
        List<WebElement> headings = browser.driver().findElements(By.cssSelector("main > section:not([hidden]) h1"));
        return headings.size() == 1 ? headings.get(0).getText() : "";
    }

    private boolean visible(String id) {
        return browser.driver().findElement(By.id(id)).isDisplayed();
    }

    private String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    /** The texts of the listed posts, read in one step (the list is replaced whole while it pages). */
    @SuppressWarnings("unchecked")
    private List<String> contents() {
        return (List<String>) browser.driver().executeScript(
                "return Array.from(document.querySelectorAll('#posts .content'), p => p.textContent);");
    }

    private String create(String content, String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("content", content, "author_email", email));
        HttpResponse<String> created = client.send(front, "POST", "posts", body, AUTH);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("id").asText();
    }
}
