package dev.incidentbot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.incident.Incident;
import dev.incidentbot.incident.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Slack thread's link added to a mail written before Slack posted: escaped, once, and only a web address. */
class MailTemplatesTest {
    private final Incident incident = Fixtures.incident("INC-2026-009", Severity.SEV1, "Checkout <b>down</b>");
    private final Mail mail = MailTemplates.declared(incident, List.of("ml-team@example.com"), Duration.ofMinutes(15), null);

    @Test
    void theLinkEndsTheFooterInTextAndIsAnEscapedAnchorInHtml() {
        String link = "https://example.slack.com/archives/C0INC/p1?thread_ts=1.2&cid=C0INC\"><script>";

        Mail linked = MailTemplates.withThreadLink(mail, link);

        assertThat(linked.text()).isEqualTo(mail.text().substring(0, mail.text().length() - 1) + ": " + link + "\n");
        assertThat(linked.html()).contains("<a href=\"https://example.slack.com/archives/C0INC/p1?thread_ts=1.2&amp;cid=C0INC&quot;&gt;&lt;script&gt;\">")
                .doesNotContain("<script>").endsWith("</a></p>\n</body></html>\n");
        assertThat(linked.to()).isEqualTo(mail.to());
        assertThat(linked.subject()).isEqualTo(mail.subject());
    }

    @Test
    void aSecondLinkOrOneThatIsNotAWebAddressChangesNothing() {
        Mail linked = MailTemplates.withThreadLink(mail, "https://example.slack.com/archives/C0INC/p1");

        assertThat(MailTemplates.withThreadLink(linked, "https://example.slack.com/archives/C0INC/p1")).isEqualTo(linked);
        assertThat(MailTemplates.withThreadLink(mail, "javascript:alert(1)")).isEqualTo(mail);
        assertThat(MailTemplates.withThreadLink(mail, null)).isEqualTo(mail);
    }

    @Test
    void aMailWrittenWithTheLinkAlreadyIsTheSameAsOneLinkedAfterwards() {
        String link = "https://example.slack.com/archives/C0INC/p1";
        Mail written = MailTemplates.declared(incident, List.of("ml-team@example.com"), Duration.ofMinutes(15), link);

        assertThat(MailTemplates.withThreadLink(mail, link)).isEqualTo(written);
    }
}
