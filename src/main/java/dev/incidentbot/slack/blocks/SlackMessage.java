package dev.incidentbot.slack.blocks;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/** A message ready for Slack: the notification text (fallback, and what search shows) and its Block Kit blocks. */
public record SlackMessage(String text, List<LayoutBlock> blocks) {

    public String blocksJson() {
        return blocks == null || blocks.isEmpty() ? null : GsonFactory.createSnakeCase().toJson(blocks);
    }

    /** The payload of an ephemeral response_url reply. */
    public String ephemeralJson() {
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("response_type", "ephemeral");
        o.addProperty("text", text);
        if (blocks != null && !blocks.isEmpty()) {
            o.add("blocks", GsonFactory.createSnakeCase().toJsonTree(blocks));
        }
        return o.toString();
    }

    public static SlackMessage plain(String text) {
        return new SlackMessage(text, List.of());
    }
}
