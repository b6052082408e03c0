package dev.incidentbot.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** GET /metrics: Micrometer's registry in the Prometheus text format. */
public final class MetricsEndpoint implements Route {
    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String path() {
        return "/metrics";
    }

    @Override
    public HttpResult handle(HttpCall call) {
        return HttpResult.text(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
    }
}
