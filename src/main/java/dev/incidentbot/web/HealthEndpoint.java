package dev.incidentbot.web;

import java.util.function.BooleanSupplier;

/** GET /health: 200 with a JSON body while the store answers, 503 otherwise. */
public final class HealthEndpoint implements Route {
    private final BooleanSupplier storeHealthy;
    private final String mode;

    public HealthEndpoint(BooleanSupplier storeHealthy, String mode) {
        this.storeHealthy = storeHealthy;
        this.mode = mode;
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
        return HttpResult.json(ok ? 200 : 503, "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"store\":\""
                + (ok ? "up" : "down") + "\",\"slack\":\"" + mode + "\"}");
    }
}
