package dev.incidentbot.web;

/** An endpoint: a method, a path, a body size limit, and what it does with a call. */
public interface Route {
    String method();

    String path();

    /** The largest body accepted; larger ones get 413 before the handler runs. */
    default long maxBodyBytes() {
        return 1024 * 1024;
    }

    HttpResult handle(HttpCall call) throws Exception;
}
