package com.example.posts.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.posts.support.ResetDatabase;
import com.example.posts.support.TcpProxy;
import com.example.posts.support.TestDatabase;
import com.example.posts.support.TestToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.openqa.selenium.support.ui.Select;
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
    void aTokenTheServiceRefusesIsReportedAtSignInAndNotKept() {
        open("");
        browser.driver().findElement(By.id("token-input")).sendKeys("not-the-token-at-all", Keys.ENTER);

        wait.until(d -> !text("token-error").isEmpty());
        assertTrue(text("token-error").startsWith("The token was not accepted"), text("token-error"));
        assertTrue(text("token-error").contains("request id "), text("token-error"));
        assertTrue(visible("token-form"), "still signed out");
        assertEquals(browser.driver().findElement(By.id("token-input")), browser.driver().switchTo().activeElement());
        assertNull(browser.driver().executeScript("return sessionStorage.getItem('posts-api-token');"));
        assertFalse(browser.driver().getCurrentUrl().contains("not-the-token"));
        assertEquals("", browser.driver().executeScript("return document.cookie;"));
    }

    @Test
    void theServiceTokenSignsInAsAdminMayChangeEveryPostAndHasNoAccountScreen() {
        enterToken(TestToken.VALUE);
        assertEquals("Signed in with the service token (admin)", text("signed-in-as"));
        open("?post=1");
        awaitHeading("Post 1");
        assertTrue(visible("post-actions"), "an admin may change every post");

        click(By.id("account-link"));
        awaitHeading("Your account");
        assertTrue(text("account-none").contains("service token"), text("account-none"));
        assertFalse(visible("account-details"));

        click(By.id("sign-out"));
        wait.until(d -> visible("token-form"));
        assertNull(browser.driver().executeScript("return sessionStorage.getItem('posts-api-token');"));
    }

    @Test
    void anAuthorSignsInAndIsOfferedToChangeOnlyTheirOwnPosts() throws Exception {
        SignedUp ann = signUp("ann@example.com", "Ann");
        // Written by an admin under another spelling of her address: the page compares as the service does.
        String hers = create("Ann's post", "ANN@Example.com");

        enterToken(ann.token());
        assertEquals("Signed in as Ann", text("signed-in-as"));
        open("?post=" + hers);
        awaitHeading("Post " + hers);
        assertTrue(visible("post-actions"), "her own post offers edit and delete");
        browser.screenshot("signed-in-own-post");
        open("?post=1");
        awaitHeading("Post 1");
        assertFalse(visible("post-actions"), "someone else's post offers neither");
        open("?post=1&edit");
        awaitHeading("Not yours to edit");
        open("?write");
        awaitHeading("Write a post");
        assertEquals("ann@example.com", browser.driver().findElement(By.id("author-email")).getDomProperty("value"));

        click(By.id("sign-out"));
        wait.until(d -> visible("token-form"));
        assertNull(browser.driver().executeScript("return sessionStorage.getItem('posts-api-token');"));
        open("?post=" + hers);
        awaitHeading("Post " + hers);
        assertFalse(visible("post-actions"), "signed out, nothing to change");
    }

    @Test
    void anAuthorPublishingUnderAnotherAddressIsToldWhyAtTheAddress() throws Exception {
        SignedUp ann = signUp("ann@example.com", "Ann");
        enterToken(ann.token());
        open("?write");
        awaitHeading("Write a post");
        browser.driver().findElement(By.id("content")).sendKeys("Under another name");
        WebElement email = browser.driver().findElement(By.id("author-email"));
        email.clear();
        email.sendKeys("bob@example.com");

        click(By.id("save"));
        wait.until(d -> !text("author-email-error").isEmpty());
        assertTrue(text("author-email-error").startsWith("You can publish only under your own address, ann@example.com."),
                text("author-email-error"));
        assertTrue(text("author-email-error").contains("request id "), text("author-email-error"));
        assertEquals(email, browser.driver().switchTo().activeElement());
        assertTrue(TestDatabase.shared().postIdsWithContent("Under another name").isEmpty());
    }

    @Test
    void anAuthorCreatesATokenSeesItsSecretOnceAndRevokesIt() throws Exception {
        SignedUp ann = signUp("ann@example.com", "Ann");
        enterToken(ann.token());
        click(By.id("account-link"));
        awaitHeading("Your account");
        assertEquals("Ann", text("account-name"));
        assertEquals("ann@example.com", text("account-email"));
        assertTrue(tokenText("browser test").contains("the one you are signed in with"), tokenText("browser test"));

        browser.driver().findElement(By.id("token-label")).sendKeys("laptop");
        new Select(browser.driver().findElement(By.id("token-expiry"))).selectByVisibleText("In 30 days");
        click(By.id("create-token-button"));
        wait.until(d -> visible("created-token"));
        String secret = browser.driver().findElement(By.id("created-value")).getDomProperty("value");
        assertTrue(secret.matches("pst_[0-9A-Za-z]{12}_[0-9A-Za-z]{49}"), secret);
        assertTrue(text("created-token").contains("shown only this once"), text("created-token"));
        assertEquals(browser.driver().findElement(By.id("created-heading")), browser.driver().switchTo().activeElement());
        assertTrue(visible("copy-token"));
        click(By.id("copy-token"));
        wait.until(d -> !text("copy-status").isEmpty());
        wait.until(d -> !tokenText("laptop").isEmpty());
        assertFalse(tokenText("laptop").contains("Never"), "it expires: " + tokenText("laptop"));
        browser.screenshot("account-new-token");
        assertEquals(200, client.send(front, "GET", "me", null, "Authorization", "Bearer " + secret).statusCode());

        click(By.id("created-done"));
        wait.until(d -> !visible("created-token"));
        assertFalse(browser.driver().getPageSource().contains(secret), "the secret is gone from the page");
        browser.reload();
        awaitHeading("Your account");
        assertFalse(browser.driver().getPageSource().contains(secret), "and is not shown again");

        revokeButton("laptop").click();
        wait.until(d -> visible("revoke-confirm"));
        assertEquals(browser.driver().findElement(By.id("revoke-question")), browser.driver().switchTo().activeElement());
        assertTrue(text("revoke-question").contains("laptop"), text("revoke-question"));
        click(By.id("revoke-yes"));
        wait.until(d -> text("status").equals("Token “laptop” revoked."));
        wait.until(d -> tokenText("laptop").contains("Revoked on"));
        assertNull(revokeButton("laptop"), "nothing left to revoke");
        assertEquals(401, client.send(front, "GET", "me", null, "Authorization", "Bearer " + secret).statusCode());
        assertTrue(visible("token-set"), "still signed in with the other token");
    }

    @Test
    void aTokenAcceptedEarlierButRefusedNowIsExplainedAndCanBeTriedAgain() throws Exception {
        SignedUp ann = signUp("ann@example.com", "Ann");
        enterToken(ann.token());
        open("?write");
        awaitHeading("Write a post");
        fill("Written while the token was refused", "");
        // What a server of the previous release answers an author token with; here the token is revoked instead.
        assertEquals(204, client.send(front, "DELETE", "authors/" + ann.id() + "/tokens/" + ann.tokenId(), null, AUTH)
                .statusCode());

        click(By.id("save"));
        wait.until(d -> !text("token-error").isEmpty());
        assertTrue(text("token-error").startsWith("This server does not know your token yet"), text("token-error"));
        assertTrue(text("token-error").contains("request id "), text("token-error"));
        assertEquals(browser.driver().findElement(By.id("token-retry")), browser.driver().switchTo().activeElement());
        browser.screenshot("token-not-known-yet");

        click(By.id("token-retry"));
        wait.until(d -> text("token-error").startsWith("This server does not know your token yet") && visible("token-retry"));
        assertEquals("Written while the token was refused",
                browser.driver().findElement(By.id("content")).getDomProperty("value"), "the draft is kept");
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
        open("?account");
        assertEquals(List.of(), browser.accessibilityViolations(), "screen account, signed out");
        enterToken(TestToken.VALUE);
        Map<String, String> screens = Map.of("list", "", "post", "?post=1", "write", "?write",
                "edit", "?post=1&edit", "missing", "?post=999", "account", "?account");
        for (var screen : screens.entrySet()) {
            open(screen.getValue());
            assertEquals(List.of(), browser.accessibilityViolations(), "screen " + screen.getKey() + " (service token)");
        }
        open("?write");
        fill("", "nobody");
        click(By.id("save"));
        wait.until(d -> !text("content-error").isEmpty());
        assertEquals(List.of(), browser.accessibilityViolations(), "screen write with field errors");

        SignedUp ann = signUp("ann@example.com", "Ann");
        String hers = create("Ann's post", "ann@example.com");
        click(By.id("sign-out"));
        wait.until(d -> visible("token-form"));
        enterToken(ann.token());
        Map<String, String> authorScreens = Map.of("list", "", "own post", "?post=" + hers, "other's post", "?post=1",
                "write", "?write", "not yours to edit", "?post=1&edit", "account", "?account");
        for (var screen : authorScreens.entrySet()) {
            open(screen.getValue());
            assertEquals(List.of(), browser.accessibilityViolations(), "screen " + screen.getKey() + " (author)");
        }
        open("?account");
        click(By.id("create-token-button"));
        wait.until(d -> !text("token-label-error").isEmpty());
        assertEquals(List.of(), browser.accessibilityViolations(), "screen account with a field error");
        browser.driver().findElement(By.id("token-label")).sendKeys("phone");
        click(By.id("create-token-button"));
        wait.until(d -> visible("created-token"));
        assertEquals(List.of(), browser.accessibilityViolations(), "screen account with a new token");
        wait.until(d -> revokeButton("phone") != null);
        revokeButton("phone").click();
        wait.until(d -> visible("revoke-confirm"));
        assertEquals(List.of(), browser.accessibilityViolations(), "screen account asking to revoke");
    }

    @Test
    void nothingOverflowsAt360PixelsWide() throws Exception {
        String longAddress = "long-address-" + "x".repeat(60) + "@example.com";
        create("A".repeat(300) + " https://example.com/" + "very-long-path/".repeat(20), longAddress);
        SignedUp author = signUp(longAddress, "A writer with a rather long name, " + "long ".repeat(10));
        createToken(author.id(), "a label as long as a label may be, " + "x".repeat(60));
        Map<String, String> screens = new LinkedHashMap<>();
        for (String screen : List.of("", "?post=1", "?write", "?post=1&edit", "?account")) {
            screens.put(screen, TestToken.VALUE);
        }
        screens.put("?account&as=author", author.token());
        try (Browser narrow = Browser.start(360)) {
            for (var entry : screens.entrySet()) {
                String screen = entry.getKey();
                narrow.open(app + screen);
                narrow.driver().executeScript("sessionStorage.setItem('posts-api-token', arguments[0]);", entry.getValue());
                narrow.open(app + screen);
                new WebDriverWait(narrow.driver(), Duration.ofSeconds(10))
                        .until(d -> d.findElements(By.cssSelector("main > section:not([hidden]) h1")).size() == 1);
                Object overflow = narrow.driver().executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertEquals(0L, overflow, "horizontal overflow at 360 px on " + app + screen);
                if (screen.isEmpty()) {
                    narrow.screenshot("list-360px");
                }
                if (screen.contains("as=author")) {
                    narrow.screenshot("account-360px");
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

    private static final String TOKEN_ITEM = "const item = Array.from(document.querySelectorAll('#tokens > li'))"
            + ".find(li => li.querySelector('h3').textContent.startsWith(arguments[0]));";

    /** The text of the account screen's token with this label, read in one step (the list is replaced whole). */
    private String tokenText(String label) {
        return (String) browser.driver().executeScript(TOKEN_ITEM + "return item ? item.innerText : '';", label);
    }

    /** The revoke button of the account screen's token with this label, or null. */
    private WebElement revokeButton(String label) {
        return (WebElement) browser.driver().executeScript(
                TOKEN_ITEM + "return item ? item.querySelector('button') : null;", label);
    }

    private record SignedUp(String id, String token, String tokenId) {
    }

    /** An author made by the admin (service) token, with a first token, "browser test". */
    private SignedUp signUp(String email, String displayName) throws Exception {
        String body = JSON.writeValueAsString(Map.of("email", email, "display_name", displayName, "role", "author"));
        HttpResponse<String> created = client.send(front, "POST", "authors", body, AUTH);
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        JsonNode token = createToken(id, "browser test");
        return new SignedUp(id, token.get("token").asText(), token.get("id").asText());
    }

    private JsonNode createToken(String authorId, String label) throws Exception {
        HttpResponse<String> created = client.send(front, "POST", "authors/" + authorId + "/tokens",
                JSON.writeValueAsString(Map.of("label", label)), AUTH);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body());
    }

    private String create(String content, String email) throws Exception {
        String body = JSON.writeValueAsString(Map.of("content", content, "author_email", email));
        HttpResponse<String> created = client.send(front, "POST", "posts", body, AUTH);
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("id").asText();
    }
}
