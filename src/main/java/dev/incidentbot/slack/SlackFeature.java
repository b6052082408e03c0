package dev.incidentbot.slack;

import com.slack.api.bolt.App;

/** A piece of Slack behaviour beyond /incident (events, shortcuts, actions) that registers its handlers on the Bolt app. */
@FunctionalInterface
public interface SlackFeature {
    void register(App app);
}
