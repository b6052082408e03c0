package dev.incidentbot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.incidentbot.slack.SlackSignature.Verdict;
import dev.incidentbot.support.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackSignatureTest {

    /** Slack's documented example (also asserted by java-slack-sdk's own tests). */
    @Test
    void matchesSlacksPublishedVector() {
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1531420618));
        SlackSignature sig = new SlackSignature("8f742231b10e8888abcd99yyyzzz85a5", clock);
        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertThat(sig.sign("1531420618", body.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(sig.verify("1531420618", expected, body.getBytes(StandardCharsets.UTF_8))).isEqualTo(Verdict.OK);
    }

    @Test
    void acceptsTheSignedFixtures() throws IOException {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1700000000));
        SlackSignature sig = new SlackSignature("test-signing-secret", clock);
        assertThat(sig.verify("1700000000", "v0=af98574dc7af1037b663ce3ecd667299a8709e59a947e108619e464b628a149d",
                fixture("slash_command_incident.form"))).isEqualTo(Verdict.OK);
        assertThat(sig.verify("1700000000", "v0=564f6cadac9a664ea79bf1439e1ccf4f797f2dcf79b00d5001ef948c2bf4366b",
                fixture("url_verification.json"))).isEqualTo(Verdict.OK);
    }

    @Test
    void refusesATamperedBodyOrWrongSecret() throws IOException {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1700000000));
        byte[] body = fixture("slash_command_incident.form");
        String good = "v0=af98574dc7af1037b663ce3ecd667299a8709e59a947e108619e464b628a149d";
        byte[] tampered = body.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(new SlackSignature("test-signing-secret", clock).verify("1700000000", good, tampered)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(new SlackSignature("other-secret", clock).verify("1700000000", good, body)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void refusesTimestampsOutsideFiveMinutesInEitherDirection() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L));
        SlackSignature sig = new SlackSignature("secret", clock);
        byte[] body = "x=1".getBytes(StandardCharsets.UTF_8);
        for (long offset : new long[] {-600, -301, 301, 600}) {
            String ts = Long.toString(1_800_000_000L + offset);
            assertThat(sig.verify(ts, sig.sign(ts, body), body)).as("offset %d s", offset).isEqualTo(Verdict.STALE_TIMESTAMP);
        }
        for (long offset : new long[] {-299, 0, 299}) {
            String ts = Long.toString(1_800_000_000L + offset);
            assertThat(sig.verify(ts, sig.sign(ts, body), body)).as("offset %d s", offset).isEqualTo(Verdict.OK);
        }
        clock.advance(Duration.ofMinutes(10));
        String old = "1800000000";
        assertThat(sig.verify(old, sig.sign(old, body), body)).isEqualTo(Verdict.STALE_TIMESTAMP);
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        SlackSignature sig = new SlackSignature("secret", new MutableClock(Instant.ofEpochSecond(100)));
        byte[] body = new byte[0];
        assertThat(sig.verify(null, "v0=ab", body)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(sig.verify("100", null, body)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(sig.verify("abc", "v0=ab", body)).isEqualTo(Verdict.MISSING_HEADERS);
        assertThat(sig.verify("100", "sha256=ab", body)).isEqualTo(Verdict.MISSING_HEADERS);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = SlackSignatureTest.class.getResourceAsStream("/slack/" + name)) {
            return in.readAllBytes();
        }
    }
}
