package dev.incidentbot.analysis.tuning;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.management.ObjectName;

/**
 * Asks HotSpot to compile the analyzer's own code with its quick compiler (C1) only, for large inputs.
 *
 * <p>An analysis is a one-shot run of about a second: measured on the 2M-event bench, C2 spent several CPU
 * seconds compiling (and re-compiling after deoptimisations) loops that had mostly finished by then, while the
 * profiled tier ran slowly; C1-only code finished the same run in a quarter of the CPU time. The analyzer
 * cannot pass JVM flags to itself, but a compiler directive can be added at run time through the
 * DiagnosticCommand MBean. Anything that fails here (another JVM, no management module) is ignored.
 *
 * <p>The MBean route starts the whole platform MBean server (about 0.1 s wall and 0.15 s CPU on a 2-core machine,
 * which the parse then waited for); the jar's manifest opens the two JDK-internal packages behind it, so the
 * directive is added by calling the diagnostic command directly (about 40 ms), with the MBean as the fallback
 * when they are not open (tests, another launcher).
 *
 * <p>The directive also forces the inlining of Unsafe's unaligned reads into the analyzer's methods: in a tiered
 * run (unlike with -XX:TieredStopAtLevel=1) C1 declined them ("callee uses too much stack" in -XX:+PrintInlining),
 * so every word read through a byte-array VarHandle was a call, and a 4 MB chunk of the parse took 6.5 ms of CPU
 * instead of 5.
 */
final class JitHint {
    private static Thread pending;
    private static boolean warming;

    private JitHint() {
    }

    /**
     * Starts adding the directive in the background (JMX start-up takes a couple of hundred milliseconds, which
     * overlaps with sniffing and sampling); {@link #await()} waits for it before the heavy loops start.
     */
    static synchronized void start() {
        if (pending != null || System.getenv("INCIDENT_BOT_NO_JIT_HINT") != null) {
            return;
        }
        pending = new Thread(JitHint::add, "analyze-jit-hint");
        pending.setDaemon(true);
        pending.start();
    }

    /** Waits (a bounded time) for the directive started by {@link #start()}, if any. */
    static void await() {
        Thread t;
        synchronized (JitHint.class) {
            t = pending;
        }
        if (t != null) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts the analysis's warm-up (once, only when the directive was added, which its compiles must follow). The
     * parse calls this a few chunks in: started while the main thread sniffed, the warm-up's compiles delayed the
     * sniffing's (+10 ms); in the parse they cost it 10-16 ms wherever they start, less than they save.
     */
    static synchronized void warmUp() {
        if (pending != null && !warming) {
            warming = true;
            Thread warm = new Thread(Warmup::loops, "analyze-warmup");
            warm.setDaemon(true);
            warm.start();
        }
    }

    /** Runs a diagnostic command without the MBean server; false when the internals are not accessible. */
    private static boolean direct(String command) {
        try {
            // loading the provider loads the native library the command implementation needs
            Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
            var vmGetter = Class.forName("sun.management.ManagementFactoryHelper").getDeclaredMethod("getVMManagement");
            vmGetter.setAccessible(true);
            Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
            var ctor = impl.getDeclaredConstructor(Class.forName("sun.management.VMManagement"));
            ctor.setAccessible(true);
            var execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
            execute.setAccessible(true);
            execute.invoke(ctor.newInstance(vmGetter.invoke(null)), command);
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * For a process that ends once its report is written: no C2 compile from now on (in the background, only if the
     * hint was used). The rendering made C2 start compiling StringBuilder methods, and the VM's exit waits for a
     * compile in flight in 10 ms steps; C1 code is good enough for the few milliseconds left.
     */
    static synchronized void lastCompiles() {
        if (pending == null) {
            return;
        }
        Thread t = new Thread(() -> add("[{match: \"*.*\", c2: {Exclude: true}}]"), "analyze-jit-end");
        t.setDaemon(true);
        t.start();
    }

    private static void add() {
        add("[{match: \"dev/incidentbot/analysis*.*\", c2: {Exclude: true}, "
                + "inline: [\"+jdk/internal/misc/Unsafe.getLongUnaligned\", "
                + "\"+jdk/internal/misc/Unsafe.getIntUnaligned\"]}]");
    }

    private static void add(String directive) {
        Path file = null;
        try {
            // not Files.createTempFile: its SecureRandom loads and seeds the security providers (~10 ms of CPU that
            // the sniffing on the main thread competed with); the pid and clock make the name unique, CREATE_NEW
            // refuses anything already there
            file = Path.of(System.getProperty("java.io.tmpdir"), "incident-bot-jit-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime() + ".json");
            Files.writeString(file, directive, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (direct("Compiler.directives_add " + file)) {
                return;
            }
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                    new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
        } catch (Exception | LinkageError e) {
            // an optimisation only
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (java.io.IOException e) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
