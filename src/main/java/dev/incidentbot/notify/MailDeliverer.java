package dev.incidentbot.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.outbox.DeliveryFailure;
import dev.incidentbot.outbox.OutboxEntry;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.jdbi.v3.core.Handle;

/**
 * Sends mail from the outbox over SMTP with Jakarta Mail (Angus): STARTTLS whenever an {@code smtp://} server offers
 * it, TLS throughout for {@code smtps://}, login when the URL carries a user. A refused login or address is final
 * and noted in the incident's thread; a server that cannot be reached is tried again.
 */
public final class MailDeliverer implements Deliverer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TIMEOUT_MS = "10000";
    /** Long enough for Slack to answer the announcement's post, short enough that a page's mail is not held up. */
    public static final java.time.Duration LINK_WAIT = java.time.Duration.ofSeconds(3);

    private final SmtpSettings smtp;
    private final InternetAddress from;
    private final Properties extra;
    private final ThreadNotes notes;
    private final ThreadLinks links;
    private final java.time.Duration linkWait;
    private final java.time.Clock clock;

    /**
     * @param extra further session properties (tests trust a self-signed certificate with them)
     * @param links the Slack thread's link, added to the mail when Slack has posted the announcement
     * @param linkWait how long after it was written a mail waits for that link: the announcement and the mail leave
     *     the outbox side by side, and a mail without the link sends people searching Slack; with Slack down it goes
     *     without, and a mail that was queued (or retried) past the wait does not wait again
     * @param clock the clock the outbox rows were written by
     */
    public MailDeliverer(SmtpSettings smtp, String from, Properties extra, ThreadNotes notes, ThreadLinks links,
                         java.time.Duration linkWait, java.time.Clock clock) {
        this.smtp = smtp;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("MAIL_FROM is not a mail address");
        }
        this.extra = extra;
        this.notes = notes;
        this.links = links;
        this.linkWait = linkWait;
        this.clock = clock;
    }

    /** The outbox payload of a mail (no secret in it: the SMTP login is added at send time). */
    public static String payload(Mail mail) {
        ObjectNode n = JSON.createObjectNode();
        mail.to().forEach(n.putArray("to")::add);
        n.put("subject", mail.subject());
        n.put("text", mail.text());
        n.put("html", mail.html());
        return n.toString();
    }

    static Mail read(String payload) throws IOException {
        JsonNode n = JSON.readTree(payload);
        List<String> to = new ArrayList<>();
        n.path("to").forEach(t -> to.add(t.asText()));
        return new Mail(to, n.path("subject").asText(), n.path("text").asText(), n.path("html").asText());
    }

    @Override
    public String kind() {
        return OutboundKinds.MAIL;
    }

    @Override
    public String deliver(OutboxEntry entry) throws DeliveryFailure {
        Mail mail;
        try {
            mail = read(entry.payload());
        } catch (IOException e) {
            throw DeliveryFailure.permanent("mail " + entry.id() + " is not readable");
        }
        mail = withLink(mail, entry);
        String protocol = smtp.tls() ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(protocol));
        try {
            MimeMessage m = message(session, mail);
            try (Transport t = session.getTransport(protocol)) {
                t.connect(smtp.host(), smtp.port(), smtp.user(), smtp.password());
                t.sendMessage(m, m.getAllRecipients());
            }
            return m.getMessageID();
        } catch (AuthenticationFailedException e) {
            throw DeliveryFailure.permanent("the mail server " + smtp.host() + " refused the login"
                    + (smtp.user() == null ? "" : " of " + smtp.user()) + "; check SMTP_URL");
        } catch (SendFailedException e) {
            throw DeliveryFailure.permanent("the mail server " + smtp.host() + " refused the recipients "
                    + String.join(", ", mail.to()));
        } catch (AddressException e) {
            throw DeliveryFailure.permanent("the mail has an address that is not one: " + String.join(", ", mail.to()));
        } catch (MessagingException e) {
            throw DeliveryFailure.retryable("the mail server " + smtp.host() + ":" + smtp.port() + " could not take the mail ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private Mail withLink(Mail mail, OutboxEntry entry) {
        if (entry.incidentId() == null) {
            return mail;
        }
        java.time.Instant deadline = entry.createdAt().plus(linkWait);
        java.util.Optional<String> link = links.of(entry.incidentId());
        while (link.isEmpty() && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: send what we have
                break;
            }
            link = links.of(entry.incidentId());
        }
        return link.map(l -> MailTemplates.withThreadLink(mail, l)).orElse(mail);
    }

    private MimeMessage message(Session session, Mail mail) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(from);
        List<InternetAddress> to = new ArrayList<>();
        for (String t : mail.to()) {
            to.add(new InternetAddress(t, true));
        }
        m.setRecipients(Message.RecipientType.TO, to.toArray(InternetAddress[]::new));
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name()); // encoded-word: no raw line break can get in
        m.setSentDate(new Date());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    private Properties properties(String protocol) {
        Properties p = new Properties();
        String prefix = "mail." + protocol + ".";
        p.put(prefix + "host", smtp.host());
        p.put(prefix + "port", String.valueOf(smtp.port()));
        p.put(prefix + "auth", String.valueOf(smtp.user() != null));
        p.put(prefix + "connectiontimeout", TIMEOUT_MS);
        p.put(prefix + "timeout", TIMEOUT_MS);
        p.put(prefix + "writetimeout", TIMEOUT_MS);
        if (!smtp.tls()) {
            p.put(prefix + "starttls.enable", "true"); // used whenever the server offers it
        }
        p.put(prefix + "ssl.checkserveridentity", "true");
        p.putAll(extra);
        return p;
    }

    @Override
    public void gaveUp(Handle handle, OutboxEntry entry, String reason) {
        if (entry.incidentId() != null) {
            notes.note(handle, entry.incidentId(), "⚠️ Mail (" + entry.purpose() + ") not sent: " + reason);
        }
    }
}
