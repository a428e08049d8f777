package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's runs, run detail (execution tree), secrets and ops pages in a real headless
 * Chromium against the shared standalone: a run appears and reaches success in the list live (no
 * reload), its tree shows each loop item and the failed one's error, a paused run is approved (on
 * its page, and elsewhere with the page following live), a slow one aborted, a run with 1,000 items opens in collapsed groups, a secret's value never
 * reaches the page, and a user without the admin role gets 403 for /ops. Tools are set up over
 * the API (not under test here); everything after that goes through the browser.
 */
class ConsoleRunsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration UI_WAIT = Duration.ofSeconds(20);

    private static SharedStandalone shared;
    private static TargetApi target;
    private static String admin;
    private static String user;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() throws Exception {
        ConsoleBrowser.assumeInstalled();
        shared = SharedStandalone.get();
        target = new TargetApi();
        admin = SwitchboardCommand.token(new TokenOptions("console-runs-admin", List.of("admin"), shared.dataDir,
                Duration.ofMinutes(30)));
        user = SwitchboardCommand.token(new TokenOptions("console-runs-user", List.of("user"), shared.dataDir,
                Duration.ofMinutes(30)));
        created(post("/api/v1/connectors", admin, """
                {"namespace": "console-runs", "name": "target", "type": "http", "baseUrl": "%s",
                 "operations": [
                   {"name": "list_items", "method": "GET", "path": "/items"},
                   {"name": "get_item", "method": "GET", "path": "/items/{id}",
                    "parameters": {"type": "object", "required": ["id"],
                                   "properties": {"id": {"type": "integer", "in": "path"},
                                                  "delayMs": {"type": "integer", "in": "query"}}}},
                   {"name": "slow", "method": "GET", "path": "/slow"}]}""".formatted(target.baseUrl())));
        // each item waits a little, so the run is still going when the page's event stream is ready
        created(post("/api/v1/tools", admin, """
                {"id": "console-loop",
                 "steps": [
                   {"id": "items", "connector": "console-runs/target", "operation": "list_items"},
                   {"id": "details", "connector": "console-runs/target", "operation": "get_item",
                    "dataSelector": "(sourceData) => sourceData.items.data.slice(0, 5)",
                    "parameters": {"id": "<<currentItem.id>>", "delayMs": 1500}, "failureBehavior": "continue"}]}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "console-child", "steps": [{"id": "one", "connector": "console-runs/target",
                  "operation": "get_item", "parameters": {"id": 1}}]}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "console-approval",
                 "steps": [
                   {"id": "approve", "type": "approval", "message": "Ship <<count>> items?", "timeoutMs": 600000},
                   {"id": "item", "connector": "console-runs/target", "operation": "get_item",
                    "parameters": {"id": 1}}]}"""));
        created(post("/api/v1/tools", admin, """
                {"id": "console-slow", "steps": [{"id": "wait", "connector": "console-runs/target", "operation": "slow"}]}"""));
        // one item in 50 calls the API and the rest fail before any call (TEMPLATE_UNRESOLVED): 1,000 items
        // of both kinds in a second or two, where 1,000 calls took 40 s of the suite's budget
        created(post("/api/v1/tools", admin, """
                {"id": "console-thousand", "concurrency": 64,
                 "steps": [{"id": "many", "connector": "console-runs/target", "operation": "get_item",
                   "failureBehavior": "continue",
                   "dataSelector": "(sourceData) => Array.from({length: 1000}, (_, i) => i % 50 === 0 ? {id: i + 10} : {})",
                   "parameters": {"id": "<<currentItem.id>>"}}],
                 "outputTransform": "(sourceData) => ({count: sourceData.many.filter(d => d.success).length})"}"""));
        browser = ConsoleBrowser.open(shared);
        browser.login(admin);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void aRunAppearsInTheListAndReachesSuccessLiveThenItsTreeShowsEachItemAndTheFailedOne() throws Exception {
        open("/runs?toolId=console-loop");
        waitFor(By.cssSelector(".runs-results .empty, .runs-results table"));
        // the filter came from the URL into the form
        assertThat(driver().findElement(By.id("runs-toolId")).getDomProperty("value")).isEqualTo("console-loop");
        // a reload would drop this marker: the row below must come from the live update alone
        js().executeScript("window.__consoleRunsNoReload = true;");

        String runId = "console-loop-" + UUID.randomUUID();
        // chained to console-child, whose result is POSTed to TargetApi (which answers 200)
        assertThat(post("/api/v1/tools/console-loop/run", admin, "{\"runId\": \"" + runId + "\", \"options\": "
                + "{\"async\": true, \"chain\": [\"tool:console-child\"], \"webhookUrl\": \"" + target.baseUrl()
                + "/items\"}}").statusCode()).isEqualTo(202);

        By row = By.cssSelector("tr[data-run-id='" + runId + "']");
        new WebDriverWait(driver(), UI_WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-run-id='" + runId + "'] .badge"), "success"));
        assertThat(js().executeScript("return window.__consoleRunsNoReload === true;")).isEqualTo(true);
        // the list redraws on each nudge (the chained child run's come now): read the row afresh until it holds
        new WebDriverWait(driver(), UI_WAIT).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(row).getText().contains("console-loop")
                        && d.findElement(row).getText().contains("API"));
        browser.screenshot("console-runs-list");

        // time filters: instants in the URL (so reload and Back keep them), local time in the form
        open("/runs?toolId=console-loop&until=2000-01-01T00:00:00.000Z");
        browser.waitForText(By.cssSelector(".runs-results .empty"), "No runs match");
        assertThat(driver().findElement(By.id("runs-until")).getDomProperty("value")).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        js().executeScript("document.getElementById('runs-until').value = '';"
                + "document.getElementById('runs-since').value = '2000-01-02T00:00';");
        driver().findElement(By.xpath("//button[normalize-space()='Apply filters']")).click();
        waitFor(row);
        assertThat(driver().getCurrentUrl()).contains("since=2000-01-0").doesNotContain("until=");
        driver().navigate().back();
        browser.waitForText(By.cssSelector(".runs-results .empty"), "No runs match");
        driver().navigate().forward();
        waitFor(row);

        driver().findElement(By.cssSelector("tr[data-run-id='" + runId + "'] a[href^='/runs/']")).click();
        WebElement details = waitFor(By.cssSelector("details[data-step='details']"));
        assertThat(details.getDomProperty("open")).isEqualTo("true");
        List<WebElement> items = details.findElements(By.cssSelector("li.item"));
        assertThat(items).hasSize(5);
        assertThat(items.get(0).getText()).contains("Item 0", "success", "item 1");
        WebElement failed = items.get(2);
        assertThat(failed.getDomAttribute("class")).contains("item-failed");
        assertThat(failed.getText()).contains("Item 2", "failed", "HTTP_ERROR", "HTTP 404");
        // what the item sent, beside what came back
        assertThat(failed.getText()).containsIgnoringCase("Request")
                .contains("GET console-runs/target /items/3 (get_item)", "\"delayMs\":\"1500\"");
        assertThat(details.findElements(By.cssSelector("li.item-failed"))).hasSize(1);
        assertThat(details.findElements(By.cssSelector(".waterfall .bar"))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(driver().findElement(By.cssSelector(".run-header .badge")).getText()).isEqualTo("success");
        screenshot("console-run-tree", By.cssSelector(".run-tree"));

        // the chain: the hop to console-child and its run, linked both ways; the child's webhook delivered
        WebElement hop = browser.waitForText(By.cssSelector("[aria-labelledby='webhook-heading']"), "delivered");
        assertThat(hop.getText()).contains("Chain", "console-child");
        WebElement child = waitFor(By.xpath("//dt[normalize-space()='Child runs']/following-sibling::dd[1]//a"));
        child.click();
        waitFor(By.xpath("//dt[normalize-space()='Parent run']/following-sibling::dd[1]//a[normalize-space()='"
                + runId + "']"));
        WebElement webhook = browser.waitForText(By.cssSelector("[aria-labelledby='webhook-heading']"), "delivered");
        assertThat(webhook.getText()).contains("Webhook", target.baseUrl() + "/items");
        assertThat(webhook.findElement(By.cssSelector("tbody tr")).getText()).contains("200");
        driver().navigate().back();

        browser.width(375);
        try {
            waitFor(By.cssSelector("details[data-step='details']"));
            Object overflow = js().executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).as("the run page scrolls sideways at 375 px").isEqualTo(false);
            screenshot("console-run-tree-375", By.cssSelector("details[data-step='details']"));
        } finally {
            browser.width(1280);
        }
    }

    @Test
    void aPausedRunIsApprovedFromItsPageAndBadJsonInputIsMarkedWithoutLosingIt() throws Exception {
        String runId = "console-approval-" + UUID.randomUUID();
        post("/api/v1/tools/console-approval/run", admin,
                "{\"runId\": \"" + runId + "\", \"inputs\": {\"count\": 3}, \"options\": {\"async\": true}}");
        await().atMost(UI_WAIT).until(() -> status(runId).equals("awaiting_input"));

        open("/runs/" + runId);
        WebElement card = waitFor(By.cssSelector(".approval-card"));
        assertThat(card.getText()).contains("Ship 3 items?");
        WebElement input = driver().findElement(By.id("approval-input"));
        input.sendKeys("{not json");
        button("Approve").click();
        waitFor(By.cssSelector("#approval-input[aria-invalid='true']"));
        assertThat(card.getText()).contains("is not valid JSON");
        assertThat(input.getDomProperty("value")).isEqualTo("{not json");
        assertThat(status(runId)).isEqualTo("awaiting_input");
        screenshot("console-run-approval", By.cssSelector(".approval-card"));

        input.clear();
        input.sendKeys("{\"note\": \"ok\"}");
        button("Approve").click();
        new WebDriverWait(driver(), UI_WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector(".run-header .badge"), "success"));
        assertThat(driver().findElement(By.cssSelector(".approval-card")).getText()).contains("Approved by console-runs-admin");
        JsonNode run = JSON.readTree(get("/api/v1/runs/" + runId, admin).body());
        assertThat(run.at("/approval/approved").asBoolean()).isTrue();
        assertThat(run.at("/stepResults/0/items/0/data/note").asString()).isEqualTo("ok");
    }

    @Test
    void aPausedRunsPageShowsItsApprovalFromElsewhereLiveAndKeepsTheFocusOnThePage() throws Exception {
        String runId = "console-approval-" + UUID.randomUUID();
        post("/api/v1/tools/console-approval/run", admin,
                "{\"runId\": \"" + runId + "\", \"inputs\": {\"count\": 2}, \"options\": {\"async\": true}}");
        await().atMost(UI_WAIT).until(() -> status(runId).equals("awaiting_input"));

        open("/runs/" + runId);
        waitFor(By.cssSelector(".approval-card .approval-form"));
        // a reload would drop this marker; the Approve button that has focus goes when the run is decided
        js().executeScript("window.__consoleRunNoReload = true;");
        js().executeScript("arguments[0].focus();", button("Approve"));

        // decided over the API, not on this page: the page must follow by itself
        HttpResponse<String> decided = post("/api/v1/runs/" + runId + "/continue", admin, "{\"approved\": true}");
        assertThat(decided.statusCode()).as(decided.body()).isIn(200, 202);
        new WebDriverWait(driver(), UI_WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector(".run-header .badge"), "success"));
        assertThat(js().executeScript("return window.__consoleRunNoReload === true;")).isEqualTo(true);
        assertThat(driver().findElement(By.cssSelector(".approval-card")).getText())
                .contains("Approved by console-runs-admin");
        assertThat(driver().findElements(By.cssSelector(".approval-form"))).isEmpty();
        assertThat(js().executeScript("return document.activeElement.id;")).as("focus after its button went")
                .isEqualTo("run-heading");
    }

    @Test
    void aSlowRunIsAbortedFromItsPage() throws Exception {
        String runId = "console-slow-" + UUID.randomUUID();
        int slowBefore = target.calls("/slow");
        post("/api/v1/tools/console-slow/run", admin, "{\"runId\": \"" + runId + "\", \"options\": {\"async\": true}}");
        await().atMost(UI_WAIT).until(() -> target.calls("/slow") > slowBefore);

        open("/runs/" + runId);
        waitFor(By.cssSelector(".abort-form button")).click();
        new WebDriverWait(driver(), UI_WAIT).until(ExpectedConditions.alertIsPresent()).accept();
        new WebDriverWait(driver(), UI_WAIT).until(ExpectedConditions.textToBe(
                By.cssSelector(".run-header .badge"), "aborted"));
        assertThat(driver().findElements(By.cssSelector(".abort-form"))).isEmpty();
        // the Abort button had focus and is gone: focus is on the heading the status belongs to, not lost
        new WebDriverWait(driver(), UI_WAIT).until(d -> "run-heading".equals(
                js().executeScript("return document.activeElement.id;")));
        assertThat(driver().findElement(By.cssSelector(".error-card")).getText()).contains("ABORTED");
        assertThat(status(runId)).isEqualTo("aborted");
        browser.screenshot("console-run-aborted");
    }

    @Test
    void aRunWithAThousandItemsOpensInCollapsedGroupsThatExpandOnDemand() throws Exception {
        HttpResponse<String> response = post("/api/v1/tools/console-thousand/run", admin,
                "{\"options\": {\"timeoutMs\": 180000}}");
        JsonNode run = JSON.readTree(response.body());
        assertThat(run.path("status").asString()).as(response.body()).isEqualTo("success");
        String runId = run.path("runId").asString();

        long started = System.nanoTime();
        open("/runs/" + runId);
        WebElement step = waitFor(By.cssSelector("details[data-step='many']"));
        long tookMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        List<WebElement> groups = step.findElements(By.cssSelector("details.group"));
        assertThat(groups).hasSize(10);
        assertThat(groups).allSatisfy(group -> assertThat(group.getDomProperty("open")).isEqualTo("false"));
        // collapsed groups hold no items yet: they are built when opened
        assertThat(step.findElements(By.cssSelector("li.item"))).isEmpty();
        assertThat(groups.get(3).getText()).contains("Items 300–399");
        assertThat(tookMs).as("opening the page of a 1,000-item run").isLessThan(10_000);

        WebElement summary = groups.get(3).findElement(By.tagName("summary"));
        summary.click();
        new WebDriverWait(driver(), UI_WAIT).until(d -> groups.get(3).findElements(By.cssSelector("li.item")).size() == 100);
        assertThat(groups.get(3).getDomProperty("open")).isEqualTo("true");
        assertThat(groups.get(3).findElement(By.id("item-0-350")).getText()).contains("Item 350", "success", "360");
        assertThat(step.findElements(By.cssSelector("li.item"))).hasSize(100);
        screenshot("console-run-thousand", By.cssSelector("details[data-step='many']"));
    }

    @Test
    void aUserWithoutTheAdminRoleGets403ForOpsAndAnAdminSeesTheTopics() throws Exception {
        browser.login(user);
        try {
            open("/ops");
            WebElement heading = waitFor(By.tagName("h1"));
            assertThat(heading.getText()).isEqualTo("Not allowed");
            assertThat(driver().findElements(By.cssSelector("table.topics"))).isEmpty();
            HttpResponse<String> api = get("/api/v1/ops/topics", user);
            assertThat(api.statusCode()).isEqualTo(403);
            browser.screenshot("console-ops-forbidden");
        } finally {
            browser.login(admin);
        }

        open("/ops");
        WebElement topics = waitFor(By.cssSelector("table.topics"));
        assertThat(topics.getText()).contains("switchboard.runs.requested");
        assertThat(topics.findElement(By.cssSelector("tr[data-topic='switchboard.steps.completed']")).getText())
                .contains("run-orchestrator");
        browser.screenshot("console-ops");
    }

    @Test
    void aDeadLetterIsListedAndReplayedFromTheOpsPage() throws Exception {
        // a record that is no event: the orchestrator parks it in the topic's DLT at once
        String key = "console-runs-dlt-" + UUID.randomUUID();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + shared.options.ports().kafka()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("switchboard.runs.requested", key.getBytes(StandardCharsets.UTF_8),
                    "not an event".getBytes(StandardCharsets.UTF_8))).get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetterPage(key) > 0);
        long before = deadLetters(key);

        open("/ops");
        waitFor(By.cssSelector("tr[data-topic='switchboard.runs.requested'] a[href*='dlt=']")).click();
        waitFor(By.cssSelector("table.dead-letters"));
        int page = deadLetterPage(key);
        if (page > 1) {
            open("/ops?dlt=switchboard.runs.requested.DLT&page=" + page);
        }
        WebElement row = waitFor(By.xpath("//table[contains(@class,'dead-letters')]//tr[.//td[normalize-space()='"
                + key + "']]"));
        assertThat(row.getText()).contains("not an event", "switchboard.runs.requested");
        row.findElement(By.xpath(".//button[normalize-space()='Replay']")).click();
        WebElement outcome = waitFor(By.cssSelector(".replay-outcome p"));
        assertThat(outcome.getText()).startsWith("Replayed:").contains("switchboard.runs.requested");
        screenshot("console-ops-dead-letters", By.id("dlt-heading"));
        // the copy went back to the topic, and (still no event) to the DLT again
        await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters(key) > before);
    }

    @Test
    void aSecretIsCreatedWithoutItsValueEverReachingThePageAndABadNameIsMarked() throws Exception {
        String name = "console-runs-" + UUID.randomUUID().toString().substring(0, 8);
        String value = "v-" + UUID.randomUUID();
        open("/secrets");
        waitFor(By.cssSelector(".secrets-list .empty, .secrets-list table"));

        // a bad name: the server marks it, the name stays as typed, the value is cleared
        type("secret-name", "bad name!");
        type("secret-value", value);
        driver().findElement(By.xpath("//button[normalize-space()='Create secret']")).click();
        waitFor(By.cssSelector("#secret-name[aria-invalid='true']"));
        assertThat(driver().findElement(By.id("secret-name")).getDomProperty("value")).isEqualTo("bad name!");
        assertThat(driver().findElement(By.id("secret-value")).getDomProperty("value")).isEmpty();
        assertThat(driver().getPageSource()).doesNotContain(value);
        browser.screenshot("console-secrets-error");

        driver().findElement(By.id("secret-name")).clear();
        type("secret-name", name);
        type("secret-value", value);
        driver().findElement(By.xpath("//button[normalize-space()='Create secret']")).click();
        WebElement row = waitFor(By.cssSelector("tr[data-secret='private/" + name + "']"));
        assertThat(row.getText()).contains(name, "private", "console-runs-admin");
        assertThat(driver().findElement(By.id("secret-value")).getDomProperty("value")).isEmpty();
        assertThat(driver().findElement(By.id("secret-name")).getDomProperty("value")).isEmpty();
        assertThat(driver().getPageSource()).doesNotContain(value);
        assertThat(get("/api/v1/secrets/" + name + "?scope=private", admin).statusCode()).isEqualTo(200);
        // name + password field reads as a sign-up form: neither may invite the password manager
        assertThat(driver().findElement(By.id("secret-name")).getDomAttribute("autocomplete")).isEqualTo("off");
        assertThat(driver().findElement(By.id("secret-value")).getDomAttribute("autocomplete")).isEqualTo("new-password");
        screenshot("console-secrets", By.id("secrets-heading"));

        // closing the edit form gives the focus back to the row's button, not to the top of the page
        By change = By.cssSelector("tr[data-secret='private/" + name + "'] button");
        waitFor(change).click();
        waitFor(By.id("edit-secret-value"));
        button("Cancel").click();
        assertThat(driver().findElements(By.id("edit-secret-value"))).isEmpty();
        assertThat(driver().switchTo().activeElement()).isEqualTo(driver().findElement(change));
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static WebDriver driver() {
        return browser.driver();
    }

    private static JavascriptExecutor js() {
        return (JavascriptExecutor) driver();
    }

    private static void open(String path) {
        browser.go(path);
    }

    private static WebElement waitFor(By by) {
        return browser.waitFor(by);
    }

    private static WebElement button(String text) {
        return driver().findElement(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    private static void type(String id, String text) {
        driver().findElement(By.id(id)).sendKeys(text);
    }

    /** The DLT page (20 a page) that holds the first dead letter with this key; 0 when there is none. */
    private static int deadLetterPage(String key) throws Exception {
        List<String> keys = deadLetterKeys();
        int index = keys.indexOf(key);
        return index < 0 ? 0 : index / 20 + 1;
    }

    private static long deadLetters(String key) throws Exception {
        return deadLetterKeys().stream().filter(key::equals).count();
    }

    /** The keys of every dead letter of switchboard.runs.requested, oldest first, as the ops API lists them. */
    private static List<String> deadLetterKeys() throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode list = JSON.readTree(get("/api/v1/ops/dlt/switchboard.runs.requested?limit=100&page=" + page,
                    admin).body());
            list.path("data").forEach(record -> keys.add(record.path("key").asString(null)));
            if (!list.path("hasMore").asBoolean()) {
                return keys;
            }
        }
    }

    /** A screenshot with this element at the top of the window (the page header stays in the shot above it). */
    private static void screenshot(String name, By focus) {
        js().executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -80);",
                driver().findElement(focus));
        browser.screenshot(name);
    }

    private static String status(String runId) throws Exception {
        return JSON.readTree(get("/api/v1/runs/" + runId, admin).body()).path("status").asString();
    }

    private static void created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static HttpResponse<String> post(String path, String token, String body) throws Exception {
        return HTTP.send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + shared.port() + path))
                .timeout(Duration.ofSeconds(200)).header("Authorization", "Bearer " + token);
    }
}
