package dev.incidentbot.notify;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where mail goes, from {@code SMTP_URL}: {@code smtp://[user:pass@]host:port} (STARTTLS when the server offers it)
 * or {@code smtps://} (TLS from the first byte). {@code toString} hides the password.
 */
public record SmtpSettings(String host, int port, boolean tls, String user, String password) {

    public static SmtpSettings parse(String raw) {
        URI u;
        try {
            u = URI.create(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a URL such as smtp://user:pass@mail.example.com:587");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw new IllegalArgumentException("must start with smtp:// or smtps://");
        }
        if (u.getHost() == null) {
            throw new IllegalArgumentException("names no host (smtp://host:port)");
        }
        boolean tls = scheme.equals("smtps");
        int port = u.getPort() > 0 ? u.getPort() : tls ? 465 : 25;
        String user = null;
        String password = null;
        String info = u.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? null : decode(info.substring(colon + 1));
        }
        return new SmtpSettings(u.getHost(), port, tls, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (tls ? "smtps://" : "smtp://") + (user == null ? "" : user + ":<hidden>@") + host + ":" + port;
    }
}
