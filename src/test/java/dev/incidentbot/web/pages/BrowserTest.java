package dev.incidentbot.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.investigation.AnalysisRepository;
import dev.incidentbot.support.FakeSlackApi;
import dev.incidentbot.support.MutableClock;
import dev.incidentbot.support.TestBot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in Debian's headless Chromium, driven by Selenium through /usr/bin/chromedriver (never a downloaded
 * driver): sign-in, escaping, filters, the incident page with its chart loaded, stats, sign-out. Without Chromium the
 * tests are skipped, visibly; under CI (the CI variable set) they fail instead, since .ci/run installs it.
 */
class BrowserTest {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");
    static ChromeDriver driver;
    static Path profile;

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestBot bot;
    MutableClock clock = new MutableClock(Instant.now());

    @BeforeAll
    static void chromium() throws Exception {
        boolean present = CHROMIUM.canExecute() && DRIVER.canExecute();
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI is set but " + CHROMIUM + " or " + DRIVER + " is missing: apt-get install chromium chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(present, "SKIPPED: no " + CHROMIUM + " / " + DRIVER + " (apt-get install chromium chromium-driver)");
        System.setProperty("webdriver.chrome.driver", DRIVER.getPath()); // Selenium Manager is never asked to fetch one
        profile = Files.createTempDirectory("incidentbot-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--user-data-dir=" + profile);
        // an alert() left open, so the escaping test can see whether one fired
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void quit() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi();
        bot = TestBot.start(dir, slack, clock, Map.of());
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.manage().deleteAllCookies();
        }
        bot.close();
        slack.close();
    }

    String base() {
        return "http://localhost:" + bot.bot.port();
    }

    Incident declare(String title, Severity s) {
        return bot.bot.incidents().declare(new IncidentService.Declaration(title, s, null, "U0ALICE", "C0INCIDENT", "slack"));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void signIn() throws Exception {
        driver.get(SignInLinks.link(bot, slack, "U0ALICE"));
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/incidents");
    }

    @Test
    void withoutASessionTheBrowserLandsOnLoginAndTheLinkSignsInOnlyOnceAndOnlyInTime() throws Exception {
        driver.get(base() + "/incidents");
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/login");
        assertThat(text()).contains("/incident web");

        String link = SignInLinks.link(bot, slack, "U0ALICE");
        driver.get(link);
        assertThat(driver.getCurrentUrl()).as("the token leaves the address bar").isEqualTo(base() + "/incidents");
        assertThat(text()).contains("Signed in as U0ALICE");
        Cookie session = driver.manage().getCookieNamed(SessionCookie.NAME);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(((JavascriptExecutor) driver).executeScript("return document.cookie")).as("page scripts cannot read it").isEqualTo("");

        driver.manage().deleteAllCookies();
        driver.get(link);
        assertThat(text()).contains("already used");
        driver.get(base() + "/stats");
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/login");

        String late = SignInLinks.link(bot, slack, "U0ALICE");
        clock.advance(Duration.ofMinutes(11));
        driver.get(late);
        assertThat(text()).contains("This sign-in link has expired");
        assertThat(driver.manage().getCookieNamed(SessionCookie.NAME)).isNull();
    }

    @Test
    void aTitleWithAScriptShowsAsTextAndRunsNothing() throws Exception {
        String title = "<script>alert(1)</script> & <img src=x onerror=alert(2)>";
        Incident i = declare(title, Severity.SEV2);
        signIn();
        for (String path : List.of("/incidents", "/incidents/" + i.id())) {
            driver.get(base() + path);
            assertThatThrownBy(() -> driver.switchTo().alert()).as(path).isInstanceOf(NoAlertPresentException.class);
            assertThat(text()).as(path).contains(title);
            assertThat(driver.findElements(By.tagName("script"))).as(path).isEmpty();
            assertThat(driver.findElements(By.cssSelector("main img:not(.chart)"))).as(path).isEmpty();
        }
    }

    @Test
    void theFilterFormNarrowsTheListAndThePageFitsAPhone() throws Exception {
        Incident minor = declare("Slow search", Severity.SEV3);
        Incident major = declare("Checkout down", Severity.SEV1);
        signIn();
        assertThat(text()).contains(minor.id(), major.id());
        new Select(driver.findElement(By.name("severity"))).selectByValue("SEV3");
        driver.findElement(By.cssSelector("form.filters button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("severity=SEV3"));
        assertThat(text()).contains(minor.id()).doesNotContain(major.id()).contains("1 incident");

        driver.manage().window().setSize(new Dimension(390, 844));
        driver.get(base() + "/incidents");
        Object overflow = ((JavascriptExecutor) driver).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
    }

    @Test
    void theIncidentPageShowsTheRecordAndItsChartActuallyLoads() throws Exception {
        Incident i = declare("Checkout errors", Severity.SEV1);
        bot.bot.incidents().postStatus(i.id(), "U0BOB", "Failing over to the secondary provider");
        byte[] png = WeeklyChart.png(List.of(new dev.incidentbot.incident.ResponseStats.Week(java.time.LocalDate.parse("2026-03-02"), 3)));
        bot.bot.database().jdbi().useExtension(AnalysisRepository.class, r -> r.insert(i.id(), clock.instant(),
                "log source api", "ANOMALY", "v1.3 of risk-score times out", "U0BOB", "{}", png));
        signIn();
        driver.findElement(By.linkText(i.id())).click();
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/incidents/" + i.id());
        assertThat(text()).contains("Checkout errors", "Failing over to the secondary provider", "Timeline", "v1.3 of risk-score times out");
        WebElement chart = driver.findElement(By.cssSelector("img.chart"));
        Number width = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            Object w = ((JavascriptExecutor) d).executeScript("return arguments[0].complete ? arguments[0].naturalWidth : null", chart);
            return w instanceof Number n ? n : null;
        });
        assertThat(width.intValue()).isEqualTo(WeeklyChart.WIDTH);
    }

    @Test
    void theStatsPageShowsTheTableAndTheWeeklyChartAndSignOutEndsTheSession() throws Exception {
        Incident i = declare("Slow search", Severity.SEV3);
        clock.advance(Duration.ofMinutes(3));
        bot.bot.incidents().resolve(i.id(), "U0BOB", "reindexed");
        signIn();
        driver.findElement(By.linkText("Response times")).click();
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/stats");
        WebElement row = driver.findElement(By.xpath("//table[@class='stats']//tr[th[contains(., 'SEV3')]]"));
        assertThat(row.getText()).contains("3 minutes").contains("1 day").contains("100%");
        WebElement chart = driver.findElement(By.cssSelector("img.chart"));
        Number width = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            Object w = ((JavascriptExecutor) d).executeScript("return arguments[0].complete ? arguments[0].naturalWidth : null", chart);
            return w instanceof Number n ? n : null;
        });
        assertThat(width.intValue()).isEqualTo(WeeklyChart.WIDTH);

        driver.findElement(By.cssSelector("form.who button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().endsWith("/login"));
        driver.get(base() + "/incidents");
        assertThat(driver.getCurrentUrl()).isEqualTo(base() + "/login");
    }
}
