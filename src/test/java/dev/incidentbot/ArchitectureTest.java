package dev.incidentbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
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
                        "dev.incidentbot.logsource..", "dev.incidentbot.investigation..", "dev.incidentbot.notify..")
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
