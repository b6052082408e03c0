package dev.incidentbot.notify;

import java.util.List;

/** One mail to send: recipients, a one-line subject, a plain text body and its HTML alternative. */
public record Mail(List<String> to, String subject, String text, String html) {
    public Mail {
        to = List.copyOf(to);
        // A header is one line: whatever a title carries, no CR/LF (or other control character) reaches it.
        subject = subject.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }
}
