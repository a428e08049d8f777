package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console's registry pages in a real headless Chromium against the shared standalone, the way
 * a person uses them: sign in (a bad token is marked and kept), import the OpenAPI spec of a local
 * server by URL after previewing its operations (a bad name is marked, the preview stays), test an
 * operation (status, headers, body; a parameter the schema refuses is marked with the server's
 * message, and nothing is called), create a tool over it (a wrong operation is marked on the JSON,
 * the text kept), and run it sync from the form generated from its inputSchema (text a number
 * field cannot read is marked, and nothing is sent). The tests run in
 * order, each going on from what the one before made; everything is done through the browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleRegistryIT {

    private static final String TOOL = """
            {"description": "Looks a pet up",
             "inputSchema": {"type": "object", "required": ["petId"],
                             "properties": {"petId": {"type": "integer", "minimum": 1, "description": "Which pet"}}},
             "steps": [{"id": "pet", "connector": "console/pets", "operation": "%s",
                        "parameters": {"petId": "<<petId>>"}}],
             "outputTransform": "(sourceData) => sourceData.pet.data"}""";

    private static SharedStandalone shared;
    private static ConsoleOpenApiTarget target;
    private static ConsoleBrowser browser;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        ConsoleBrowser.assumeInstalled();
        shared = SharedStandalone.get();
        target = new ConsoleOpenApiTarget();
        admin = SwitchboardCommand.token(new TokenOptions("console-registry", List.of("admin"), shared.dataDir,
                Duration.ofMinutes(30)));
        browser = ConsoleBrowser.open(shared);
    }

    @AfterAll
    static void stop() {
        // the standalone is shared (SharedStandalone): it stops when the test JVM does
        if (browser != null) {
            browser.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    @Order(1)
    void signingInMarksABadTokenKeepsItAndThenGoesWhereThePersonWasHeaded() {
        browser.go("/connectors");
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login?next="));
        WebElement token = browser.waitFor(By.name("token"));
        token.sendKeys("not-a-token");
        submit(By.cssSelector("main form"));

        browser.waitFor(By.cssSelector("textarea[name=token][aria-invalid=true]"));
        assertThat(fieldError(token)).contains("not one this deployment accepts");
        assertThat(token.getAttribute("value")).isEqualTo("not-a-token");
        assertThat(browser.waitFor(By.cssSelector(".form-error[role=alert]")).getText()).isNotBlank();
        browser.screenshot("login-bad-token");

        token.clear();
        token.sendKeys(admin);
        submit(By.cssSelector("main form"));
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(browser.url("/connectors")));
        assertThat(browser.waitFor(By.id("user-name")).getText()).isEqualTo("console-registry");
        assertThat(browser.waitFor(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Connectors");
    }

    @Test
    @Order(2)
    void importsASpecByUrlAfterPreviewingItsOperations() {
        browser.go("/connectors");
        // other ITs share this standalone: look at our namespace only
        WebElement namespaceFilter = browser.waitFor(By.id("connector-namespace"));
        namespaceFilter.sendKeys("console");
        submit(By.cssSelector("form.toolbar"));
        browser.waitForText(By.cssSelector(".empty"), "No connectors in namespace");
        browser.screenshot("connectors-empty");

        browser.waitFor(By.cssSelector(".page-header button[aria-controls=import-panel]")).click();
        browser.waitFor(By.id("import-namespace")).sendKeys("console");
        browser.waitFor(By.id("import-name")).sendKeys("Pets!");
        // an uploaded file is read into the spec box, and previews like a pasted one
        browser.waitFor(By.id("import-file")).sendKeys(specFile().toString());
        browser.waitForText(By.id("toast"), "Loaded");
        assertThat(browser.waitFor(By.id("import-spec")).getAttribute("value")).contains("\"getPet\"");
        button("Preview").click();
        browser.waiting(Duration.ofSeconds(20)).until(d -> d.findElements(By.name("operations")).size() == 2);

        // then the same spec by URL, which is what gets saved
        browser.waitFor(By.cssSelector("label[for=import-source-url]")).click();
        browser.waitFor(By.id("import-url")).sendKeys(target.specUrl());
        button("Preview").click();

        browser.waitForText(By.id("import-preview"), "list_pets");
        String preview = browser.waitFor(By.id("import-preview")).getText();
        assertThat(preview).contains("list_pets", "get_pet", "/pets/{petId}");
        assertThat(browser.waitFor(By.id("import-base-url")).getAttribute("value")).isEqualTo(target.baseUrl());
        browser.waitFor(By.id("import-description")).sendKeys("Pets from the console IT");
        scrollTo(By.id("import-preview"));
        browser.screenshot("connectors-import-preview");

        // a name the registry refuses: marked on the field, what was typed and previewed stays
        submit(By.cssSelector("#import-panel form"));
        WebElement name = browser.waitFor(By.cssSelector("#import-name[aria-invalid=true]"));
        assertThat(fieldError(name)).contains("lowercase letters");
        assertThat(name.getAttribute("value")).isEqualTo("Pets!");
        assertThat(browser.driver().findElements(By.name("operations"))).hasSize(2);
        assertThat(browser.waitFor(By.id("import-url")).getAttribute("value")).isEqualTo(target.specUrl());
        scrollTo(By.id("import-name"));
        browser.screenshot("connectors-import-bad-name");

        name.clear();
        name.sendKeys("pets");
        submit(By.cssSelector("#import-panel form"));
        browser.waiting(Duration.ofSeconds(20))
                .until(ExpectedConditions.urlToBe(browser.url("/connectors/console/pets")));
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("console/pets");
        assertThat(browser.waitFor(By.id("op-list_pets")).getText()).contains("GET", "/pets", "limit", "query");
        assertThat(browser.waitFor(By.id("op-get_pet")).getText()).contains("/pets/{petId}", "petId", "path");
        browser.screenshot("connector-detail");

        browser.go("/connectors?namespace=console");
        browser.waitForText(By.cssSelector("table.list"), "console/pets");
        // the registry searches (name or description, any case); Enter submits the toolbar
        browser.waitFor(By.id("connector-search")).sendKeys("no-such-thing" + Keys.ENTER);
        browser.waitForText(By.cssSelector(".empty"), "No connector matches “no-such-thing” in namespace “console”");
        assertThat(browser.driver().getCurrentUrl()).contains("q=no-such-thing");
        browser.waitFor(By.id("connector-search")).clear();
        browser.waitFor(By.id("connector-search")).sendKeys("FROM THE CONSOLE" + Keys.ENTER);
        browser.waitForText(By.cssSelector("table.list"), "console/pets");
        browser.screenshot("connectors-list");
    }

    @Test
    @Order(3)
    void testsAnOperationAndMarksAParameterTheSchemaRefuses() {
        browser.go("/connectors/console/pets");
        browser.waitFor(By.cssSelector("#op-get_pet details.test summary")).click();
        WebElement petId = browser.waitFor(By.id("test-get_pet-petId"));
        petId.sendKeys("1");
        submit(By.cssSelector("#op-get_pet details.test form"));

        WebElement result = browser.waitForText(By.cssSelector("#op-get_pet .test-result"), "HTTP 200");
        assertThat(result.getText()).contains("Attempts 1", "console-it", "\"name\": \"Rex\"");
        assertThat(result.getText().toLowerCase(Locale.ROOT)).contains("x-pet-store");
        int calls = target.petCalls.get();
        assertThat(calls).isPositive();
        scrollTo(By.cssSelector("#op-get_pet .test-result"));
        browser.screenshot("connector-test");

        petId.clear();
        petId.sendKeys("0");
        submit(By.cssSelector("#op-get_pet details.test form"));
        browser.waitFor(By.cssSelector("#test-get_pet-petId[aria-invalid=true]"));
        assertThat(fieldError(petId)).contains("minimum");
        assertThat(petId.getAttribute("value")).isEqualTo("0");
        assertThat(target.petCalls.get()).as("a refused parameter calls nothing").isEqualTo(calls);
        scrollTo(By.id("test-get_pet-petId"));
        browser.screenshot("connector-test-bad-parameter");
    }

    @Test
    @Order(4)
    void createsAToolAndMarksAWrongOperationOnTheDefinition() {
        browser.go("/tools");
        browser.waitFor(By.cssSelector(".page-header button[aria-controls=new-tool]")).click();
        WebElement id = browser.waitFor(By.id("new-tool-id"));
        id.sendKeys("console-pet");
        WebElement definition = browser.waitFor(By.id("new-tool-definition"));
        definition.clear();
        definition.sendKeys(TOOL.formatted("no_such_op"));
        submit(By.cssSelector("#new-tool form"));

        browser.waitFor(By.cssSelector("#new-tool-definition[aria-invalid=true]"));
        assertThat(fieldError(definition)).contains("steps[0].operation", "no_such_op");
        assertThat(definition.getAttribute("value")).contains("\"operation\": \"no_such_op\"", "Looks a pet up");
        assertThat(id.getAttribute("value")).isEqualTo("console-pet");
        browser.screenshot("tools-bad-definition");

        definition.clear();
        definition.sendKeys(TOOL.formatted("get_pet"));
        submit(By.cssSelector("#new-tool form"));
        browser.waiting(Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(browser.url("/tools/console-pet")));
        assertThat(browser.waitFor(By.tagName("h1")).getText()).isEqualTo("console-pet");

        browser.go("/tools");
        browser.waitForText(By.cssSelector("table.list"), "console-pet");
        browser.screenshot("tools-list");
    }

    @Test
    @Order(5)
    void runsTheToolSyncFromTheFormGeneratedFromItsInputSchema() {
        browser.go("/tools/console-pet");
        WebElement petId = browser.waitFor(By.id("run-input-petId"));
        assertThat(browser.waitFor(By.cssSelector("main")).getText()).contains("console/pets", "get_pet",
                "<<petId>>", "sourceData.pet.data");
        assertThat(browser.driver().findElement(By.cssSelector("label[for=run-input-petId]")).getText())
                .contains("petId");

        // "1e" is no number: a number field answers '' for it as if empty, so the form must see
        // validity.badInput and mark the field rather than send the run without the value
        js().executeScript("window.__runPosts = 0; const send = window.fetch; window.fetch = (url, init) => {"
                + " if (String(url).endsWith('/run')) { window.__runPosts++; } return send(url, init); };");
        petId.sendKeys("1e");
        submit(By.cssSelector("section[aria-labelledby=run-title] form"));
        browser.waitFor(By.cssSelector("#run-input-petId[aria-invalid=true]"));
        assertThat(fieldError(petId)).contains("must be a number");
        assertThat(js().executeScript("return window.__runPosts;")).as("requests sent").isEqualTo(0L);
        scrollTo(By.id("run-input-petId"));
        browser.screenshot("tool-run-bad-number");
        petId.clear();

        // the inputSchema says minimum 1: the orchestrator's message lands on the generated field
        petId.sendKeys("0");
        submit(By.cssSelector("section[aria-labelledby=run-title] form"));
        browser.waitFor(By.cssSelector("#run-input-petId[aria-invalid=true]"));
        assertThat(fieldError(petId)).contains("minimum");
        assertThat(petId.getAttribute("value")).isEqualTo("0");

        petId.clear();
        petId.sendKeys("2");
        submit(By.cssSelector("section[aria-labelledby=run-title] form"));
        WebElement result = browser.waitForText(By.cssSelector(".run-result"), "success");
        assertThat(result.getText()).contains("\"name\": \"Tom\"", "\"kind\": \"cat\"");
        String runLink = result.findElement(By.cssSelector("a[href^='/runs/']")).getAttribute("href");
        assertThat(runLink).startsWith(browser.url("/runs/"));
        scrollTo(By.cssSelector(".run-result"));
        browser.screenshot("tool-run");
    }

    @Test
    @Order(6)
    void editsTheToolWithTheVersionItRead() {
        browser.go("/tools/console-pet");
        browser.waitFor(By.cssSelector("details.card > summary")).click();
        WebElement definition = browser.waitFor(By.id("edit-tool-definition"));
        assertThat(definition.getAttribute("value")).contains("\"get_pet\"").doesNotContain("\"version\"");
        definition.clear();
        definition.sendKeys(TOOL.formatted("get_pet").replace("Looks a pet up", "Looks one pet up by its id"));
        submit(By.cssSelector("details.card form"));
        browser.waitForText(By.cssSelector("p.lead"), "Looks one pet up by its id");
        assertThat(browser.waitFor(By.cssSelector("dl.props")).getText()).containsPattern("Version\\s+2");
    }

    @Test
    @Order(7)
    void thePagesFitAPhoneWidth() {
        browser.width(375);
        try {
            for (String[] page : new String[][] {{"/connectors?namespace=console", "table.list", "connectors-375"},
                    {"/connectors/console/pets", "#op-get_pet", "connector-375"},
                    {"/tools/console-pet", "#run-input-petId", "tool-375"}}) {
                browser.go(page[0]);
                browser.waitFor(By.cssSelector(page[1]));
                Object overflow = js().executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                assertThat(((Number) overflow).intValue()).as("sideways scroll on %s", page[0]).isLessThanOrEqualTo(0);
                browser.screenshot(page[2]);
            }
        } finally {
            browser.width(1280);
        }
    }

    /** The target's own spec in a file, as someone would upload it. */
    private static Path specFile() {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String spec = http.send(HttpRequest.newBuilder(URI.create(target.specUrl())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Path file = Files.createTempFile("console-pets", ".json");
            file.toFile().deleteOnExit();
            return Files.writeString(file, spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Submits the way a keyboard user does: Enter is not reliable in a textarea, so the form's button. */
    private static void submit(By form) {
        browser.waitFor(form).findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static WebElement button(String text) {
        return browser.driver().findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().equals(text)).findFirst().orElseThrow();
    }

    /** The messages linked to a control with aria-describedby (the hint and any field errors). */
    private static String fieldError(WebElement control) {
        StringBuilder text = new StringBuilder();
        for (String id : String.valueOf(control.getAttribute("aria-describedby")).split(" ")) {
            for (WebElement note : browser.driver().findElements(By.id(id))) {
                if (note.getAttribute("class").contains("field-error")) {
                    text.append(note.getText()).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static void scrollTo(By by) {
        js().executeScript("arguments[0].scrollIntoView({block: 'center'});", browser.waitFor(by));
    }

    private static JavascriptExecutor js() {
        return browser.driver();
    }
}
