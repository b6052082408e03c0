package dev.incidentbot.signin;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Sign-in links and sessions, by the hashes of their secrets (V9). */
public interface SignInRepository {

    /** A link row as stored. */
    record LinkRow(String userId, Instant expiresAt, Instant usedAt) {
    }

    @SqlUpdate("INSERT INTO web_sign_in_links (token_hash, user_id, created_at, expires_at) VALUES (:hash, :user, :at, :expires)")
    void insertLink(@Bind("hash") String hash, @Bind("user") String userId, @Bind("at") Instant at, @Bind("expires") Instant expires);

    @SqlQuery("SELECT user_id, expires_at, used_at FROM web_sign_in_links WHERE token_hash = :hash")
    @RegisterConstructorMapper(LinkRow.class)
    Optional<LinkRow> link(@Bind("hash") String hash);

    /** Marks the link used; 1 only for the one caller that found it unused and unexpired, so a link signs in once. */
    @SqlUpdate("UPDATE web_sign_in_links SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL AND expires_at > :now")
    int use(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("INSERT INTO web_sessions (id_hash, user_id, created_at, expires_at) VALUES (:hash, :user, :at, :expires)")
    void insertSession(@Bind("hash") String hash, @Bind("user") String userId, @Bind("at") Instant at, @Bind("expires") Instant expires);

    @SqlQuery("SELECT user_id, created_at, expires_at FROM web_sessions WHERE id_hash = :hash AND expires_at > :now")
    @RegisterConstructorMapper(Session.class)
    Optional<Session> session(@Bind("hash") String hash, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM web_sessions WHERE id_hash = :hash")
    int deleteSession(@Bind("hash") String hash);

    @SqlUpdate("DELETE FROM web_sign_in_links WHERE expires_at < :before")
    int purgeLinks(@Bind("before") Instant before);

    @SqlUpdate("DELETE FROM web_sessions WHERE expires_at < :before")
    int purgeSessions(@Bind("before") Instant before);
}
