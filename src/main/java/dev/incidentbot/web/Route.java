package dev.incidentbot.web;

/** An endpoint: a method, a path, a body size limit, and what it does with a call. */
public interface Route {
    String method();

    String path();

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
