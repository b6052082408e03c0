package dev.incidentbot.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * One-time sign-in links for the web pages and the sessions they open. Only hashes are stored; the secrets exist in
 * the Slack message (link) and the browser's cookie (session) alone.
 */
public final class SignIn {
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(10);
    public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
    /** Rows past their expiry are kept this long so an expired link is still told apart from a forged one. */
    static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final Jdbi jdbi;
    private final Clock clock;

    public SignIn(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A new link token for {@code userId}, good once within {@link #LINK_LIFETIME}. */
    public String issueLink(String userId) {
        String token = Secrets.random();
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            SignInRepository r = h.attach(SignInRepository.class);
            r.purgeLinks(now.minus(KEEP_EXPIRED));
            r.purgeSessions(now.minus(KEEP_EXPIRED));
            r.insertLink(Secrets.hash(token), userId, now, now.plus(LINK_LIFETIME));
        });
        return token;
    }

    /** Opens a session with a link token: once per token, before it expires. */
    public Redemption redeem(String token) {
        if (!Secrets.wellFormed(token)) {
            return Redemption.refused(Redemption.Outcome.UNKNOWN);
        }
        String hash = Secrets.hash(token);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            SignInRepository r = h.attach(SignInRepository.class);
            Optional<SignInRepository.LinkRow> link = r.link(hash);
            if (link.isEmpty()) {
                return Redemption.refused(Redemption.Outcome.UNKNOWN);
            }
            if (r.use(hash, now) != 1) {
                return Redemption.refused(link.get().usedAt() != null ? Redemption.Outcome.USED : Redemption.Outcome.EXPIRED);
            }
            String sessionId = Secrets.random();
            Session session = new Session(link.get().userId(), now, now.plus(SESSION_LIFETIME));
            r.insertSession(Secrets.hash(sessionId), session.userId(), session.createdAt(), session.expiresAt());
            return new Redemption(Redemption.Outcome.SIGNED_IN, sessionId, session);
        });
    }

    /** The live session with this id, if any (unknown, malformed and expired ids give none). */
    public Optional<Session> session(String sessionId) {
        if (!Secrets.wellFormed(sessionId)) {
            return Optional.empty();
        }
        return jdbi.withExtension(SignInRepository.class, r -> r.session(Secrets.hash(sessionId), clock.instant()));
    }

    /** Ends the session: its id signs nobody in any more. */
    public void signOut(String sessionId) {
        if (Secrets.wellFormed(sessionId)) {
            jdbi.useExtension(SignInRepository.class, r -> r.deleteSession(Secrets.hash(sessionId)));
        }
    }
}
