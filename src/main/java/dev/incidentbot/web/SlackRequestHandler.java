package dev.incidentbot.web;

import java.util.List;
import java.util.Map;

/** Runs one verified Slack HTTP request (headers and raw body) and gives the answer; implemented over Bolt in slack. */
@FunctionalInterface
public interface SlackRequestHandler {
    /** What goes back to Slack: status, content type, body and any extra headers. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {
    }

    /** Null answer means the body was not a Slack request at all. */
    Answer handle(String path, Map<String, List<String>> query, Map<String, String> headers, String body, String remoteAddress) throws Exception;
}
