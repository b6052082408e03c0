package dev.incidentbot.web.pages;

/** A page that only says something: the login page, "not found", "bad request". */
public record MessageView(Chrome chrome, String heading, String message) {
}
