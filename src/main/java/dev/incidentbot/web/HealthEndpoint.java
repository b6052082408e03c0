package dev.incidentbot.web;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** GET /health: 200 with a JSON body while the store answers, 503 otherwise; in Socket Mode it names the socket's state. */
public final class HealthEndpoint implements Route {
    private final BooleanSupplier storeHealthy;
    private final String mode;
    private final Supplier<String> socket;

    /** {@code socket} gives the Socket Mode link's state ("connected", …), or is null in HTTP mode. */
    public HealthEndpoint(BooleanSupplier storeHealthy, String mode, Supplier<String> socket) {
        this.storeHealthy = storeHealthy;
        this.mode = mode;
        this.socket = socket;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/health";
    }

    @Override
    public HttpResult handle(HttpCall call) {
        boolean ok = storeHealthy.getAsBoolean();
        // A down socket stays 200: the store is what /health gates on, and webhooks still work without Slack's socket.
        String socketField = socket == null ? "" : ",\"socket\":\"" + socket.get() + "\"";
        return HttpResult.json(ok ? 200 : 503, "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"store\":\""
                + (ok ? "up" : "down") + "\",\"slack\":\"" + mode + "\"" + socketField + "}");
    }
}
