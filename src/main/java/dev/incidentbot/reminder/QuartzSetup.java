package dev.incidentbot.reminder;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.DBConnectionManager;

/**
 * Builds the Quartz scheduler: JDBC job store (JobStoreTX) on the bot's own DataSource, clustered on PostgreSQL so
 * that several replicas share one database (a trigger fires on one node; a dead node's triggers move to another),
 * a small pool of daemon threads.
 */
final class QuartzSetup {
    /** Also the SCHED_NAME in Quartz's tables: every replica of the bot must use the same. */
    static final String SCHEDULER_NAME = "incident-bot";
    /** A trigger later than this is a misfire; one-shot triggers then fire once, at once (FIRE_NOW). */
    static final long MISFIRE_THRESHOLD_MS = 2_000;
    /** How often a clustered node checks in; a dead node's triggers are recovered after about this plus 7.5 s. */
    static final long CLUSTER_CHECKIN_MS = 5_000;
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();

    private QuartzSetup() {
    }

    static Scheduler create(DataSource dataSource, boolean postgres) throws SchedulerException {
        // DBConnectionManager is JVM-global: a fresh name per bot keeps a second bot in the same JVM (tests,
        // a restart in-process) off the first one's closed pool.
        String dsName = "incidentBot" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dsName, new DataSourceConnectionProvider(dataSource));
        Scheduler scheduler = new StdSchedulerFactory(properties(dsName, postgres)).getScheduler();
        // Quartz's registry is JVM-global too and would hand the next bot this very scheduler; the bot owns it instead.
        SchedulerRepository.getInstance().remove(SCHEDULER_NAME);
        return scheduler;
    }

    static Properties properties(String dsName, boolean postgres) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        // AUTO: host name plus start time, unique per process, as clustering needs.
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        // New triggers signal the scheduler thread; this only bounds how long it sleeps when nothing is due.
        p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "reminders");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", postgres
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", dsName);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.useProperties", "false");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(MISFIRE_THRESHOLD_MS));
        // PostgreSQL: replicas share the scheduler. Clustered, each node checks in every CLUSTER_CHECKIN_MS, and a node
        // silent for longer (plus Quartz's 7.5 s grace) is declared dead: the others take its fired triggers back and
        // its reminders carry on well within a minute; a recovered trigger then misfires and fires once (FIRE_NOW).
        // H2 file mode: one process holds the file, so there is nobody to share with; unclustered there, which also
        // keeps Quartz's check-in thread (interrupted at shutdown) from doing file I/O that an interrupt would break.
        p.setProperty("org.quartz.jobStore.isClustered", Boolean.toString(postgres));
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(CLUSTER_CHECKIN_MS));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }
}
