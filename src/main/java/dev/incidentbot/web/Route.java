package dev.incidentbot.web;

/** An endpoint: a method, a path, a body size limit, and what it does with a call. */
public interface Route {
    String method();

    String path();

    /** Whether this route serves {@code requestPath}; the path itself unless a route serves a whole subtree. */
    default boolean matches(String requestPath) {
        return path().equals(requestPath);
    }

    /** The largest body accepted; larger ones get 413 before the handler runs. */
    default long maxBodyBytes() {
        return 1024 * 1024;
    }

    /** True for the few routes still answered while the server drains before a stop (/health); others get 503. */
    default boolean answersWhileStopping() {
        return false;
    }

    HttpResult handle(HttpCall call) throws Exception;
}
