package dev.incidentbot.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.store.Database;
import dev.incidentbot.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in links and sessions on a real H2 file, with a clock the test moves. */
class SignInTest {
    @TempDir
    Path dir;
    Database db;
    MutableClock clock = MutableClock.at("2026-03-14T18:06:00Z");
    SignIn signIn;

    @BeforeEach
    void open() {
        db = Database.open("jdbc:h2:file:" + dir.resolve("bot").toAbsolutePath(), null, null);
        signIn = new SignIn(db.jdbi(), clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aLinkSignsInOnceAndTheSessionNamesItsUser() {
        String token = signIn.issueLink("U0ALICE");
        Redemption first = signIn.redeem(token);
        assertThat(first.outcome()).isEqualTo(Redemption.Outcome.SIGNED_IN);
        assertThat(signIn.session(first.sessionId())).get().extracting(Session::userId).isEqualTo("U0ALICE");
        Redemption second = signIn.redeem(token);
        assertThat(second.outcome()).isEqualTo(Redemption.Outcome.USED);
        assertThat(second.sessionId()).isNull();
        assertThat(rows("SELECT COUNT(*) AS n FROM web_sessions").get(0).get("n")).isEqualTo(1L);
    }

    @Test
    void aLinkExpiresAfterTenMinutesAndThenOpensNoSession() {
        String fresh = signIn.issueLink("U0ALICE");
        String stale = signIn.issueLink("U0BOB");
        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(signIn.redeem(fresh).outcome()).isEqualTo(Redemption.Outcome.SIGNED_IN);
        clock.advance(Duration.ofSeconds(1));
        Redemption late = signIn.redeem(stale);
        assertThat(late.outcome()).isEqualTo(Redemption.Outcome.EXPIRED);
        assertThat(late.sessionId()).isNull();
        assertThat(rows("SELECT user_id FROM web_sessions")).extracting(r -> r.get("user_id")).containsExactly("U0ALICE");
    }

    @Test
    void forgedMalformedAndOverlongTokensSignNobodyIn() {
        String token = signIn.issueLink("U0ALICE");
        assertThat(signIn.redeem(new StringBuilder(token).reverse().toString()).outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
        assertThat(signIn.redeem(token + "x").outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
        assertThat(signIn.redeem("' OR 1=1 --").outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
        assertThat(signIn.redeem(null).outcome()).isEqualTo(Redemption.Outcome.UNKNOWN);
        assertThat(rows("SELECT COUNT(*) AS n FROM web_sessions").get(0).get("n")).isEqualTo(0L);
        assertThat(signIn.redeem(token).outcome()).as("the real link still works after the forgeries").isEqualTo(Redemption.Outcome.SIGNED_IN);
    }

    @Test
    void theStoreKeepsOnlySha256HashesOfLinksAndSessions() {
        String token = signIn.issueLink("U0ALICE");
        String session = signIn.redeem(token).sessionId();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(rows("SELECT token_hash FROM web_sign_in_links")).extracting(r -> r.get("token_hash"))
                .containsExactly(Secrets.hash(token));
        assertThat(rows("SELECT id_hash FROM web_sessions")).extracting(r -> r.get("id_hash")).containsExactly(Secrets.hash(session));
        assertThat(Secrets.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        String everything = rows("SELECT * FROM web_sign_in_links").toString() + rows("SELECT * FROM web_sessions");
        assertThat(everything).doesNotContain(token).doesNotContain(session);
    }

    @Test
    void aSessionLastsTwelveHoursAndSigningOutEndsItAtOnce() {
        String a = signIn.redeem(signIn.issueLink("U0ALICE")).sessionId();
        String b = signIn.redeem(signIn.issueLink("U0BOB")).sessionId();
        signIn.signOut(b);
        assertThat(signIn.session(b)).isEmpty();
        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(signIn.session(a)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(signIn.session(a)).isEmpty();
    }

    @Test
    void issuingALinkClearsRowsExpiredForADay() {
        signIn.redeem(signIn.issueLink("U0ALICE"));
        clock.advance(Duration.ofHours(12).plus(SignIn.KEEP_EXPIRED).plusSeconds(1));
        signIn.issueLink("U0BOB");
        assertThat(rows("SELECT user_id FROM web_sign_in_links")).extracting(r -> r.get("user_id")).containsExactly("U0BOB");
        assertThat(rows("SELECT COUNT(*) AS n FROM web_sessions").get(0).get("n")).isEqualTo(0L);
    }

    private List<Map<String, Object>> rows(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().list());
    }
}
