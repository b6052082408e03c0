package dev.incidentbot;

import dev.incidentbot.alert.AlertIntake;
import dev.incidentbot.alert.AlertLabels;
import dev.incidentbot.investigation.AlertAnalyses;
import dev.incidentbot.investigation.AlertContext;
import dev.incidentbot.investigation.AnalysisRecord;
import dev.incidentbot.investigation.AnalysisRepository;
import dev.incidentbot.analysis.render.ChartRenderer;
import dev.incidentbot.investigation.Investigator;
import dev.incidentbot.investigation.Publisher;
import dev.incidentbot.logsource.Limits;
import dev.incidentbot.logsource.LogSources;
import dev.incidentbot.notify.Deliverers;
import dev.incidentbot.notify.EscalationPager;
import dev.incidentbot.notify.NotifyRules;
import dev.incidentbot.notify.OutboundHttp;
import dev.incidentbot.notify.PolicyNotifier;
import dev.incidentbot.notify.TicketRequests;
import dev.incidentbot.outbox.Deliverer;
import dev.incidentbot.slack.AnalysisButtons;
import dev.incidentbot.slack.SlackNotifyPorts;
import dev.incidentbot.slack.SlackInvestigationNotifier;
import dev.incidentbot.alert.AlertParser;
import dev.incidentbot.alert.AlertPolicy;
import dev.incidentbot.alert.SeverityRules;
import dev.incidentbot.incident.IncidentService;
import dev.incidentbot.retro.RetroService;
import dev.incidentbot.reminder.ReminderPolicy;
import dev.incidentbot.reminder.ReminderScheduler;
import dev.incidentbot.outbox.Outbox;
import dev.incidentbot.outbox.RetryPolicy;
import dev.incidentbot.slack.SlackOutbox;
import dev.incidentbot.slack.SlackApi;
import dev.incidentbot.slack.SlackAlertNotifier;
import dev.incidentbot.slack.SlackApp;
import dev.incidentbot.slack.SlackFeature;
import dev.incidentbot.slack.RetroEvents;
import dev.incidentbot.slack.SlackIncidentNotifier;
import dev.incidentbot.slack.SlackRetroNotifier;
import dev.incidentbot.slack.SlackReminderNotifier;
import dev.incidentbot.slack.SlackSignature;
import dev.incidentbot.slack.SocketModeConnection;
import dev.incidentbot.slack.WorkPool;
import dev.incidentbot.slack.AnalyzeShortcut;
import dev.incidentbot.slack.BoltRequests;
import dev.incidentbot.slack.LogAnalysis;
import dev.incidentbot.slack.command.AnalyzeCommand;
import dev.incidentbot.slack.command.AssignCommand;
import dev.incidentbot.slack.command.CommandRouter;
import dev.incidentbot.slack.command.DeclareCommand;
import dev.incidentbot.slack.command.ListCommand;
import dev.incidentbot.slack.command.RemindCommand;
import dev.incidentbot.slack.command.ResolveCommand;
import dev.incidentbot.slack.command.RetroCommand;
import dev.incidentbot.slack.command.RetroTicketCommand;
import dev.incidentbot.slack.command.SeverityCommand;
import dev.incidentbot.slack.command.ShowCommand;
import dev.incidentbot.slack.command.StatusCommand;
import dev.incidentbot.slack.command.Subcommand;
import dev.incidentbot.slack.command.TimelineCommand;
import dev.incidentbot.store.Database;
import dev.incidentbot.web.HealthEndpoint;
import dev.incidentbot.web.JettyServer;
import dev.incidentbot.web.MetricsEndpoint;
import dev.incidentbot.web.Route;
import dev.incidentbot.web.SlackEndpoint;
import dev.incidentbot.web.WebhookEndpoint;
import dev.incidentbot.web.pages.PageData;
import dev.incidentbot.web.pages.Pages;
import dev.incidentbot.signin.SignIn;
import dev.incidentbot.slack.command.WebCommand;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot, wired by hand with constructor injection: store, services, Slack app, HTTP server.
 * Tests start it in-process with their own clock and a fake Slack Web API.
 */
public final class Bot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);

    private final Deque<AutoCloseable> closeables;
    private final Database database;
    private final IncidentService incidents;
    private final Outbox outbox;
    private final ReminderScheduler reminders;
    private final JettyServer http;
    private final List<Deliverer> deliverers;
    private final ThreadPoolExecutor work;
    private final SocketModeConnection socket;
    /** Set when a graceful stop begins: /health says so and new requests get 503 while the ones inside finish. */
    private final java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    /** How long a stop waits for requests already inside, and then for acknowledged work (analyses, replies). */
    private static final java.time.Duration DRAIN = java.time.Duration.ofSeconds(3);

    private Bot(Config config, Clock clock, Deque<AutoCloseable> closeables) throws Exception {
        this.closeables = closeables;
        SeverityRules rules = SettingsFiles.alertRules(config); // a bad rules file stops the start before anything opens
        Limits sourceLimits = Limits.defaults();
        LogSources logSources = SettingsFiles.logSources(config, sourceLimits); // so does a bad LOG_SOURCES file
        NotifyRules notifyRules = SettingsFiles.notifyRules(config); // and a bad NOTIFY_RULES file
        // The store opens (H2, pool, migrations check) on its own thread while this one sets up what needs no store:
        // metrics and the Slack client, about a third of the start each. Closed last, even if the start fails early.
        CompletableFuture<Database> store = CompletableFuture.supplyAsync(
                () -> Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword()),
                r -> new Thread(r, "store-open").start());
        own(() -> store.thenAccept(Database::close));
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(metrics);
        new JvmMemoryMetrics().bindTo(metrics);
        own(new JvmGcMetrics()).bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);

        var slack = SlackApp.client(config.slackApiUrl());
        SlackApi api = new SlackApi(slack, config.slackBotToken(), SlackApi.RetryPolicy.standard());
        database = opened(store);
        incidents = new IncidentService(database.jdbi(), clock);
        outbox = own(new Outbox(database.jdbi(), clock, Outbox.newReplicaId(), config.outboxLease(), Outbox.DEFAULT_POLL));
        SlackOutbox slackOutbox = new SlackOutbox(database.jdbi(), outbox, api, incidents, clock);
        work = WorkPool.create();
        own(() -> WorkPool.drain(work, java.time.Duration.ZERO, java.time.Duration.ZERO)); // a failed start
        SlackIncidentNotifier notifier = new SlackIncidentNotifier(slackOutbox, api, incidents, config.incidentChannel(),
                config.reminderInterval(), config.dedicatedChannels(), work);
        incidents.addTxListener(notifier); // its posts, in each change's transaction
        incidents.addListener(notifier); // the dedicated channel, after the commit
        // Notifying by policy: rule channels, pages, mail and tickets are outbox rows written in the change's
        // transaction; the outbox's sender delivers them through these deliverers, never on a command's thread.
        SlackNotifyPorts notifyPorts = new SlackNotifyPorts(slackOutbox, incidents, config.reminderInterval());
        PolicyNotifier policy = new PolicyNotifier(notifyRules, config.notifying(), notifyPorts, notifyPorts,
                config.reminderInterval(), clock, outbox::wakeAfterCommit);
        incidents.addTxListener(policy);
        // Retros: resolving opens the retro thread; the outbox reports the prompts' ts so replies can be matched.
        SlackRetroNotifier retroNotifier = new SlackRetroNotifier(slackOutbox);
        RetroService retro = new RetroService(database.jdbi(), incidents, retroNotifier, clock);
        retroNotifier.onPosted(retro::threadPosted);
        incidents.addTxListener(retro);
        deliverers = Deliverers.of(config.notifying(), OutboundHttp.standard(), notifyPorts, notifyPorts,
                (h, noteId, ticket) -> retro.ticketOpened(h, noteId, ticket.key(), ticket.url()), clock);
        deliverers.forEach(d -> outbox.register(d, Deliverers.retry(d.kind())));
        // Reminders: Quartz on the same database; closed before it (closeables run last-in, first-out).
        reminders = own(ReminderScheduler.create(database, incidents,
                new ReminderPolicy(config.reminderInterval(), config.escalation()),
                new EscalationPager(new SlackReminderNotifier(notifier, slackOutbox, config.incidentChannel()), policy,
                        database.jdbi()), clock));
        incidents.addListener(reminders);

        // Analyses of incidents: from log sources (alerts, command, button) or logs people give; posted in the thread.
        Publisher publisher = new Publisher(database.jdbi(), incidents, new SlackInvestigationNotifier(slackOutbox, notifier, clock),
                report -> report.timeline() == null ? null : ChartRenderer.png(report), clock);
        AlertLabels alertLabels = new AlertLabels(database.jdbi());
        Investigator investigator = own(new Investigator(logSources, incidents, id -> {
            AlertLabels.Common c = alertLabels.of(id);
            return new AlertContext(c.labels(), c.firingSince());
        }, publisher, sourceLimits, clock));
        // Web pages: the sign-in link names PUBLIC_URL, or the port once bound (PORT=0 binds any free port).
        SignIn signIn = new SignIn(database.jdbi(), clock);
        AtomicInteger boundPort = new AtomicInteger(config.port());
        LogAnalysis logAnalysis = new LogAnalysis(api, slackOutbox, publisher, incidents, SlackApi.MAX_DOWNLOAD_BYTES);
        List<Subcommand> subcommands = new ArrayList<>(List.of(
                new DeclareCommand(incidents, config.incidentChannel()),
                new StatusCommand(incidents),
                new SeverityCommand(incidents),
                new AssignCommand(incidents),
                new ResolveCommand(incidents),
                new TimelineCommand(incidents),
                new ListCommand(incidents),
                new ShowCommand(incidents),
                new AnalyzeCommand(logAnalysis, incidents, investigator),
                new RetroCommand(incidents, retro, api, id -> database.jdbi().withExtension(AnalysisRepository.class,
                        r -> r.latestChart(id)).map(AnalysisRecord::chartPng).orElse(null),
                        new RetroTicketCommand(incidents, retro,
                                new TicketRequests(database.jdbi(), config.notifying(), clock, outbox::wakeAfterCommit))),
                new RemindCommand(incidents, reminders),
                new WebCommand(signIn, () -> config.publicUrl(boundPort.get()))));
        List<SlackFeature> features = new ArrayList<>();
        features.add(new AnalyzeShortcut(logAnalysis, incidents, api, work));
        features.add(new RetroEvents(retro));
        features.add(new AnalysisButtons(investigator, incidents, api, work));
        SlackApp slackApp = new SlackApp(slack, config.slackBotToken(), config.slackSigningSecret(),
                new CommandRouter(subcommands), work, api, incidents, features);

        slackApp.onceOnly(database.jdbi(), clock, outbox.replicaId());
        List<Route> routes = new ArrayList<>();
        socket = config.socketMode() ? own(slackApp.startSocketMode(config.slackAppToken())) : null;
        if (socket != null) {
            // The link's real state, not the configured mode: 1 only while Slack's socket is open.
            metrics.gauge("incidentbot.slack.socket.connected", socket,
                    s -> s.state() == SocketModeConnection.State.CONNECTED ? 1 : 0);
            metrics.more().counter("incidentbot.slack.socket.sessions", List.of(), socket, SocketModeConnection::sessions);
        }
        routes.add(new HealthEndpoint(database::isHealthy, config.socketMode() ? "socket-mode" : "http",
                socket == null ? null : () -> socket.state().name().toLowerCase(java.util.Locale.ROOT), stopping::get));
        routes.add(new MetricsEndpoint(metrics));
        dev.incidentbot.web.StoreMetrics storeMetrics = dev.incidentbot.web.StoreMetrics.bind(metrics, database.jdbi());
        incidents.addListener(storeMetrics);
        investigator.onFinished(storeMetrics::analysed);
        routes.addAll(Pages.routes(new PageData(database.jdbi(), retro), signIn, config.publicUrl(config.port()), clock));
        // Alerts: webhooks → parser → intake (policy, storm control) → incidents and Slack.
        AlertIntake alerts = own(new AlertIntake(database.jdbi(), incidents, new AlertPolicy(rules),
                new SlackAlertNotifier(slackOutbox, notifier, config.incidentChannel()), config.incidentChannel(), rules.stormWindow(), clock));
        // An alert's analysis is an outbox row written with its alerts: a crash before it is posted leaves it to run.
        AlertAnalyses alertAnalyses = new AlertAnalyses(investigator, outbox::wakeAfterCommit, clock);
        outbox.register(alertAnalyses, RetryPolicy.standard());
        alerts.onOpened(alertAnalyses::request);
        routes.addAll(WebhookEndpoint.all(config.webhookToken(), new AlertParser(), alerts, metrics));
        if (config.webhookToken() == null) {
            log.warn("WEBHOOK_TOKEN is not set: /webhooks/* answer 503 until it is");
        }
        if (!config.socketMode()) {
            slackApp.startHttp();
            routes.add(new SlackEndpoint(new BoltRequests(slackApp.app()), new SlackSignature(config.slackSigningSecret(), clock)));
        }
        outbox.start(!database.isPostgres()); // H2's file is this process's alone: its old claims are stale
        alerts.startNoteRecovery(); // storm notes a killed process held back are posted from the stored alerts
        notifier.openMissingChannels(); // dedicated channels a crash left unopened (no-op when they are off)
        reminders.start();
        // HTTP opens last: once /health answers, every part of the bot is running.
        http = own(new JettyServer(config.bind(), config.port(), routes, metrics));
        http.start();
        boundPort.set(http.port());
        log.info("incident-bot ready: {}", config);
    }

    /** Builds and starts everything; on failure, closes what was already started and rethrows. */
    public static Bot start(Config config, Clock clock) throws Exception {
        Deque<AutoCloseable> owned = new ConcurrentLinkedDeque<>();
        try {
            return new Bot(config, clock, owned);
        } catch (Exception | Error e) {
            closeAll(owned);
            throw e;
        }
    }

    /** The store once open; its failure is rethrown as it was thrown, as if it had been opened on this thread. */
    private static Database opened(CompletableFuture<Database> store) {
        try {
            return store.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private <T extends AutoCloseable> T own(T resource) {
        closeables.push(resource);
        return resource;
    }

    public int port() {
        return http.port();
    }

    public IncidentService incidents() {
        return incidents;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The deliverers of pages, mail and tickets the settings allow, as registered with the outbox's sender. */
    public List<Deliverer> deliverers() {
        return deliverers;
    }

    public ReminderScheduler reminders() {
        return reminders;
    }

    public Database database() {
        return database;
    }

    /**
     * The graceful stop (SIGTERM, tests): stop taking requests (503, /health "stopping") and let those inside finish,
     * then close in reverse order of start: HTTP, intake, analyses, Socket Mode, Quartz (its running jobs end),
     * the outbox sender, the work pool, and the store last. Safe to call twice.
     */
    @Override
    public void close() {
        if (stopping.compareAndSet(false, true)) {
            log.info("stopping: draining requests");
            try {
                http.drain(DRAIN);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (socket != null) {
                try {
                    socket.close(); // no more envelopes: what Slack got an ack for is all there is to finish
                } catch (Exception e) {
                    log.warn("stopping: could not close the Socket Mode connection", e);
                }
            }
            try {
                // Acknowledged work ends before what it uses (Quartz, the outbox, the store) closes below.
                WorkPool.drain(work, java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1)); // ≤ 5 s
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeAll(closeables);
    }

    /** True once a stop has begun. */
    public boolean isStopping() {
        return stopping.get();
    }

    private static void closeAll(Deque<AutoCloseable> closeables) {
        while (!closeables.isEmpty()) {
            AutoCloseable c = closeables.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
    }
}
