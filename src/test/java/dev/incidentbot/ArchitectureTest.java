package dev.incidentbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Holds the package rules of the README: Slack only in slack, the domain free of the edges. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.incidentbot");
    }

    @Test
    void onlyTheSlackPackageImportsTheSlackSdk() {
        noClasses().that().resideOutsideOfPackage("dev.incidentbot.slack..")
                .should().dependOnClassesThat().resideInAPackage("com.slack.api..").check(classes);
    }

    @Test
    void theDomainKnowsNothingOfSlackJettyOrOtherEdges() {
        noClasses().that().resideInAnyPackage("dev.incidentbot.incident..", "dev.incidentbot.analysis..",
                        "dev.incidentbot.alert..", "dev.incidentbot.retro..", "dev.incidentbot.reminder..",
                        "dev.incidentbot.logsource..", "dev.incidentbot.investigation..", "dev.incidentbot.signin..",
                        "dev.incidentbot.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.slack..", "dev.incidentbot.web..",
                        "dev.incidentbot.cli..", "org.eclipse.jetty..", "com.slack.api..")
                .check(classes);
    }

    @Test
    void theIncidentCoreImportsNoOtherDomain() {
        noClasses().that().resideInAPackage("dev.incidentbot.incident..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.alert..", "dev.incidentbot.analysis..",
                        "dev.incidentbot.reminder..", "dev.incidentbot.retro..")
                .check(classes);
    }

    @Test
    void theAnalyzerNeedsNoDatabase() {
        noClasses().that().resideInAPackage("dev.incidentbot.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "dev.incidentbot.store..")
                .check(classes);
    }

    @Test
    void logSourcesOnlyReadLogsTheyKnowNoIncidentNorAnalysis() {
        noClasses().that().resideInAPackage("dev.incidentbot.logsource..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.incident..", "dev.incidentbot.alert..",
                        "dev.incidentbot.analysis..", "dev.incidentbot.investigation..", "dev.incidentbot.retro..",
                        "dev.incidentbot.reminder..", "dev.incidentbot.store..", "org.jdbi..")
                .check(classes);
    }

    @Test
    void theAnalyzerAndTheAlertsKnowNothingOfTheInvestigationThatUsesThem() {
        noClasses().that().resideInAnyPackage("dev.incidentbot.analysis..", "dev.incidentbot.alert..", "dev.incidentbot.incident..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.investigation..", "dev.incidentbot.logsource..")
                .check(classes);
    }

    @Test
    void onlyTheReminderPackageUsesQuartz() {
        noClasses().that().resideOutsideOfPackage("dev.incidentbot.reminder..")
                .and().doNotHaveSimpleName("Bot")
                .should().dependOnClassesThat().resideInAPackage("org.quartz..").check(classes);
    }

    /** The analysis's stages in the order data flows through them; report and tuning both come after cause. */
    private static final List<String> STAGES = List.of("input", "changepoint", "cause", "report", "render");

    @Test
    void analysisStagesImportOnlyTheStagesBeforeThem() {
        for (int i = 0; i < STAGES.size(); i++) {
            String[] later = STAGES.subList(i + 1, STAGES.size()).stream()
                    .map(s -> "dev.incidentbot.analysis." + s + "..").toArray(String[]::new);
            String stage = "dev.incidentbot.analysis." + STAGES.get(i) + "..";
            if (later.length > 0) {
                noClasses().that().resideInAPackage(stage)
                        .should().dependOnClassesThat().resideInAnyPackage(later).check(classes);
            }
            // no stage knows the entry that runs it, nor the JIT measures (they reach input through ParseHooks)
            noClasses().that().resideInAPackage(stage)
                    .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.analysis",
                            "dev.incidentbot.analysis.tuning..")
                    .check(classes);
        }
    }

    @Test
    void theJitMeasuresComeAfterTheCauseAndKnowNoReport() {
        noClasses().that().resideInAPackage("dev.incidentbot.analysis.tuning..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.analysis",
                        "dev.incidentbot.analysis.report..", "dev.incidentbot.analysis.render..")
                .check(classes);
    }

    @Test
    void templatesAndTheirEngineStayInTheWebPages() {
        noClasses().that().resideOutsideOfPackage("dev.incidentbot.web.pages..")
                .should().dependOnClassesThat().resideInAPackage("gg.jte..").check(classes);
    }

    @Test
    void signInKnowsNoEdgeAndNoOtherDomain() {
        noClasses().that().resideInAPackage("dev.incidentbot.signin..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.incident..", "dev.incidentbot.alert..",
                        "dev.incidentbot.analysis..", "dev.incidentbot.retro..", "dev.incidentbot.reminder..",
                        "dev.incidentbot.investigation..", "dev.incidentbot.slack..", "dev.incidentbot.web..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void theAnalysisPackagesHaveNoImportCircle() {
        slices().matching("dev.incidentbot.analysis.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theOutboxSendsEveryKindWithoutKnowingAnyOfThem() {
        noClasses().that().resideInAPackage("dev.incidentbot.outbox..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.slack..", "dev.incidentbot.web..",
                        "dev.incidentbot.cli..", "dev.incidentbot.incident..", "dev.incidentbot.alert..",
                        "dev.incidentbot.reminder..", "dev.incidentbot.retro..", "dev.incidentbot.investigation..",
                        "org.eclipse.jetty..", "com.slack.api..")
                .check(classes);
    }

    @Test
    void thePagesReadTheStoreOnlyThroughTheDomainsQueriesAndNeverWrite() {
        noClasses().that().resideInAPackage("dev.incidentbot.web.pages..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.incidentbot.incident.IncidentService")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.incidentbot.alert.AlertWriter")
                .orShould().dependOnClassesThat().resideInAPackage("dev.incidentbot.slack..")
                .check(classes);
    }

    @Test
    void notifyingTalksToSlackOnlyThroughItsPortsAndNothingElseKnowsMailOrNotify() {
        noClasses().that().resideInAPackage("dev.incidentbot.notify..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.incidentbot.slack..", "dev.incidentbot.web..",
                        "dev.incidentbot.cli..", "dev.incidentbot.alert..", "dev.incidentbot.analysis..",
                        "dev.incidentbot.investigation..", "dev.incidentbot.logsource..", "dev.incidentbot.retro..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.incidentbot.notify..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.mail..").check(classes);
        noClasses().that().resideInAnyPackage("dev.incidentbot.incident..", "dev.incidentbot.outbox..",
                        "dev.incidentbot.retro..", "dev.incidentbot.reminder..", "dev.incidentbot.alert..")
                .should().dependOnClassesThat().resideInAPackage("dev.incidentbot.notify..").check(classes);
    }
}
