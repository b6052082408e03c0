package dev.incidentbot.web.pages;

/** What every page's frame shows: its title and who is signed in (null on the login page). */
public record Chrome(String title, String userId) {
}
