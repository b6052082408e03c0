package dev.incidentbot.web.pages;

import dev.incidentbot.incident.ResponseStats;
import dev.incidentbot.incident.ResponseTimes;
import dev.incidentbot.signin.SignIn;
import dev.incidentbot.web.HttpCall;
import dev.incidentbot.web.HttpResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * GET /stats (time to acknowledge and to resolve per severity against the policy, incidents per week) and
 * GET /stats/weekly.png (its chart), over the last {@link #WEEKS} weeks.
 */
final class StatsPage extends PageRoute {
    static final int WEEKS = 12;
    private final PageData data;
    private final Clock clock;
    private final boolean chart;

    private StatsPage(SignIn signIn, Templates templates, PageData data, Clock clock, boolean chart) {
        super(signIn, templates);
        this.data = data;
        this.clock = clock;
        this.chart = chart;
    }

    static StatsPage page(SignIn signIn, Templates templates, PageData data, Clock clock) {
        return new StatsPage(signIn, templates, data, clock, false);
    }

    static StatsPage chart(SignIn signIn, Templates templates, PageData data, Clock clock) {
        return new StatsPage(signIn, templates, data, clock, true);
    }

    @Override
    public String path() {
        return chart ? "/stats/weekly.png" : "/stats";
    }

    @Override
    String title() {
        return "Response times";
    }

    @Override
    HttpResult page(HttpCall call, Chrome chrome) {
        Instant now = clock.instant();
        // from the Monday WEEKS-1 weeks back, so the first bar holds a whole week
        Instant since = ResponseStats.monday(now).minusWeeks(WEEKS - 1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
        List<ResponseTimes> times = data.responseTimes(since);
        List<ResponseStats.Week> weeks = ResponseStats.perWeek(times, now, WEEKS);
        if (chart) {
            return Html.bytes("image/png", WeeklyChart.png(weeks), "private, no-cache");
        }
        return Html.page(200, templates.render("stats.jte", new StatsView(chrome, WEEKS, ResponseStats.bySeverity(times), weeks)));
    }
}
