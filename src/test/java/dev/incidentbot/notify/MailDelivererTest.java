package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Mail through a real SMTP server (GreenMail) with a login, over plain SMTP and SMTPS. */
class MailDelivererTest {
    private static final String PASSWORD = "s3cret-Pa55";

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(setups())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bot@example.com", "bot", PASSWORD));

    /** SMTP and SMTPS on free ports, given time to start on a busy machine (TLS set-up is slow). */
    private static ServerSetup[] setups() {
        ServerSetup[] setups = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS});
        for (ServerSetup s : setups) {
            s.setServerStartupTimeout(20_000);
        }
        return setups;
    }

    private final Fixtures.Thread thread = new Fixtures.Thread();

    private MailDeliverer deliverer(String url) {
        return deliverer(url, ThreadLinks.none(), Duration.ZERO, writtenNow());
    }

    /** A clock that runs from now as if now were when the test entries were written (Fixtures.DECLARED). */
    private static java.time.Clock writtenNow() {
        return java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.between(java.time.Instant.now(), Fixtures.DECLARED));
    }

    private MailDeliverer deliverer(String url, ThreadLinks links, Duration linkWait, java.time.Clock clock) {
        Properties trust = new Properties();
        trust.put("mail.smtps.ssl.trust", "127.0.0.1"); // GreenMail's certificate is self-signed
        trust.put("mail.smtps.ssl.checkserveridentity", "false");
        return new MailDeliverer(SmtpSettings.parse(url), "incident-bot@example.com", trust, thread, links, linkWait, clock);
    }

    private static OutboxEntry mail(Incident i, String to) {
        return Fixtures.entry(1, OutboundKinds.MAIL, i.id(), "incident-mail",
                MailDeliverer.payload(MailTemplates.declared(i, List.of(to), Duration.ofMinutes(15), null)), 0);
    }

    private static List<String> parts(MimeMessage m) throws Exception {
        List<String> out = new ArrayList<>();
        Multipart mp = (Multipart) m.getContent();
        for (int k = 0; k < mp.getCount(); k++) {
            BodyPart p = mp.getBodyPart(k);
            out.add(p.getContentType().split(";")[0].toLowerCase() + "\n" + p.getContent());
        }
        return out;
    }

    @Test
    void aLoggedInSmtpMailArrivesWithTheTemplateAsPlainTextAndHtml() throws Exception {
        int port = greenMail.getSmtp().getPort();
        Incident i = Fixtures.incident("INC-2026-001", Severity.SEV1, "Model API down");
        String ref = deliverer("smtp://bot:" + PASSWORD + "@127.0.0.1:" + port).deliver(mail(i, "ml-team@example.com"));

        MimeMessage[] got = greenMail.getReceivedMessages();
        assertThat(got).hasSize(1);
        MimeMessage m = got[0];
        assertThat(ref).isEqualTo(m.getMessageID());
        assertThat(m.getSubject()).isEqualTo("🚨 INC-2026-001 SEV1: Model API down");
        assertThat(m.getFrom()[0].toString()).isEqualTo("incident-bot@example.com");
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("ml-team@example.com");
        List<String> parts = parts(m);
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).startsWith("text/plain\n🚨 INCIDENT: Model API down")
                .contains("Severity: SEV1 (CRITICAL)", "Time: 2026-03-02 14:30 UTC", "Status: INVESTIGATING",
                        "- Accuracy dropped to 75%", "- Will update in 15 minutes");
        assertThat(parts.get(1)).startsWith("text/html\n").contains("<b>Severity:</b> SEV1 (CRITICAL)");
    }

    @Test
    void theSlackThreadsLinkIsAddedOnceSlackHasPostedTheAnnouncementEvenIfThatHappensWhileTheMailWaits() throws Exception {
        int port = greenMail.getSmtp().getPort();
        Incident i = Fixtures.incident("INC-2026-003", Severity.SEV1, "Model API down");
        String link = "https://example.slack.com/archives/C0INCIDENT/p1764777000000100";
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // Slack answers the announcement's post while the mail waits: the third lookup finds the thread
        ThreadLinks links = id -> asked.incrementAndGet() < 3 ? java.util.Optional.empty() : java.util.Optional.of(link);

        deliverer("smtp://bot:" + PASSWORD + "@127.0.0.1:" + port, links, Duration.ofSeconds(5), writtenNow()).deliver(mail(i, "ml-team@example.com"));

        List<String> parts = parts(greenMail.getReceivedMessages()[0]);
        assertThat(parts.get(0)).contains("Questions? Follow the incident on Slack: " + link);
        assertThat(parts.get(1)).contains("<a href=\"" + link + "\">" + link + "</a></p>");
        assertThat(asked).hasValue(3);
    }

    @Test
    void withoutTheThreadsLinkTheMailGoesAfterItsWaitWithoutOne() throws Exception {
        int port = greenMail.getSmtp().getPort();
        Incident i = Fixtures.incident("INC-2026-004", Severity.SEV1, "Model API down");
        long t0 = System.nanoTime();

        deliverer("smtp://bot:" + PASSWORD + "@127.0.0.1:" + port, id -> java.util.Optional.empty(), Duration.ofMillis(600),
                writtenNow()).deliver(mail(i, "ml-team@example.com"));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        List<String> parts = parts(greenMail.getReceivedMessages()[0]);
        assertThat(parts.get(0)).doesNotContain("https://");
        assertThat(parts.get(1)).doesNotContain("<a href");
    }

    @Test
    void aMailQueuedLongerThanTheWaitGoesAtOnceWithoutWaitingAgain() throws Exception {
        int port = greenMail.getSmtp().getPort();
        Incident i = Fixtures.incident("INC-2026-005", Severity.SEV1, "Model API down");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.time.Clock anHourLater = java.time.Clock.offset(writtenNow(), Duration.ofHours(1)); // Slack was down meanwhile
        long t0 = System.nanoTime();

        deliverer("smtp://bot:" + PASSWORD + "@127.0.0.1:" + port, id -> {
            asked.incrementAndGet();
            return java.util.Optional.empty();
        }, Duration.ofSeconds(3), anHourLater).deliver(mail(i, "ml-team@example.com"));

        assertThat(asked).as("lookups of the thread's link").hasValue(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void smtpsCarriesTheMailOverTls() throws Exception {
        int port = greenMail.getSmtps().getPort();
        Incident i = Fixtures.incident("INC-2026-002", Severity.SEV2, "Slow responses");
        deliverer("smtps://bot:" + PASSWORD + "@127.0.0.1:" + port).deliver(mail(i, "ml-lead@example.com"));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("🚨 INC-2026-002 SEV2: Slow responses");
    }

    @Test
    void aWrongPasswordIsFinalNotedInTheThreadOnceAndNeverShown() {
        int port = greenMail.getSmtp().getPort();
        OutboxEntry e = mail(Fixtures.incident("INC-2026-001", Severity.SEV1, "Down"), "ml-team@example.com");

        DeliveryFailure f = catchThrowableOfType(DeliveryFailure.class,
                () -> deliverer("smtp://bot:wrong-Guess-77@127.0.0.1:" + port).deliver(e));
        deliverer("smtp://bot:wrong-Guess-77@127.0.0.1:" + port).gaveUp(null, e, f.getMessage());

        assertThat(f.retryable()).isFalse();
        assertThat(f.getMessage()).isEqualTo("the mail server 127.0.0.1 refused the login of bot; check SMTP_URL");
        assertThat(thread.notes).containsExactly("INC-2026-001 ⚠️ Mail (incident-mail) not sent: " + f.getMessage());
        assertThat(thread.notes.get(0)).doesNotContain("wrong-Guess-77");
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsRetryable() {
        OutboxEntry e = mail(Fixtures.incident("INC-2026-001", Severity.SEV1, "Down"), "ml-team@example.com");
        DeliveryFailure f = catchThrowableOfType(DeliveryFailure.class, () -> deliverer("smtp://127.0.0.1:1").deliver(e));
        assertThat(f.retryable()).isTrue();
        assertThat(f.getMessage()).startsWith("the mail server 127.0.0.1:1 could not take the mail");
    }

    @Test
    void aHostileTitleIsInertInTheHtmlAndCannotAddAHeader() throws Exception {
        int port = greenMail.getSmtp().getPort();
        String title = Fixtures.HOSTILE + "\r\nBcc: evil@example.com";
        deliverer("smtp://bot:" + PASSWORD + "@127.0.0.1:" + port)
                .deliver(mail(Fixtures.incident("INC-2026-003", Severity.SEV1, title), "ml-team@example.com"));

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("ml-team@example.com");
        assertThat(m.getSubject()).isEqualTo("🚨 INC-2026-003 SEV1: " + Fixtures.HOSTILE + " Bcc: evil@example.com");
        String html = parts(m).get(1);
        assertThat(html).doesNotContain("<script>", "<b>x</b>", "<!channel>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; &amp; &lt;b&gt;x&lt;/b&gt;");
        assertThat(parts(m).get(0)).contains("🚨 INCIDENT: " + Fixtures.HOSTILE);
    }
}
