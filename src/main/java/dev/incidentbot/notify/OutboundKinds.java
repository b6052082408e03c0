package dev.incidentbot.notify;

/** The outbox kinds this package writes and delivers. */
public final class OutboundKinds {
    public static final String PAGERDUTY = "pagerduty";
    public static final String MAIL = "mail";
    public static final String TICKET = "ticket";

    private OutboundKinds() {
    }
}
