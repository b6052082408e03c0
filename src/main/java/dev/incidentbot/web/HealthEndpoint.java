package dev.incidentbot.web;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * GET /health: 200 with a JSON body while the store answers, 503 otherwise, and 503 "stopping" once the replica drains
 * before a stop (so a load balancer sends elsewhere); in Socket Mode it names the socket's state.
 */
public final class HealthEndpoint implements Route {
    private final BooleanSupplier storeHealthy;
    private final String mode;
    private final Supplier<String> socket;
    private final BooleanSupplier stopping;

    /** {@code socket} gives the Socket Mode link's state ("connected", …), or is null in HTTP mode. */
    public HealthEndpoint(BooleanSupplier storeHealthy, String mode, Supplier<String> socket) {
        this(storeHealthy, mode, socket, () -> false);
    }

    /** As above; {@code stopping} turns true when the replica has begun its graceful stop. */
    public HealthEndpoint(BooleanSupplier storeHealthy, String mode, Supplier<String> socket, BooleanSupplier stopping) {
        this.storeHealthy = storeHealthy;
        this.mode = mode;
        this.socket = socket;
        this.stopping = stopping;
    }

    @Override
    public boolean answersWhileStopping() {
        return true;
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
        if (stopping.getAsBoolean()) {
            return HttpResult.json(503, "{\"status\":\"stopping\",\"detail\":\"this replica is stopping: it finishes the requests"
                    + " it took and takes no new ones\",\"slack\":\"" + mode + "\"}");
        }
        boolean ok = storeHealthy.getAsBoolean();
        // A down socket stays 200: the store is what /health gates on, and webhooks still work without Slack's socket.
        String socketField = socket == null ? "" : ",\"socket\":\"" + socket.get() + "\"";
        return HttpResult.json(ok ? 200 : 503, "{\"status\":\"" + (ok ? "ok" : "unavailable") + "\",\"store\":\""
                + (ok ? "up" : "down") + "\",\"slack\":\"" + mode + "\"" + socketField + "}");
    }
}
