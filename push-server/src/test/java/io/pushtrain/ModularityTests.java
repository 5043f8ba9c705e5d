package io.pushtrain;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The arrows of DESIGN.md: front-ends -> release-train -> leaf modules, never back. */
class ModularityTests {

    private static final String TRAIN = "io.pushtrain.train..";
    private static final String[] FRONT_ENDS = { "io.pushtrain.server..", "io.pushtrain.dashboard..", "io.pushtrain.irc.." };
    private static final String[] LEAVES = { "io.pushtrain.karma..", "io.pushtrain.flags..", "io.pushtrain.perf..",
            "io.pushtrain.distribution.." };

    private final JavaClasses classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.pushtrain");

    @Test
    void modulesOnlyUseEachOthersApiAndHaveNoCycles() {
        ApplicationModules.of(PushtrainApplication.class).verify();
    }

    @Test
    void theCoreNeverImportsAFrontEnd() {
        noClasses().that().resideInAPackage(TRAIN).should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .check(classes);
    }

    @Test
    void aLeafImportsNeitherTheCoreNorAFrontEndNorAnotherLeaf() {
        for (String leaf : LEAVES) {
            ArchRule rule = noClasses().that().resideInAPackage(leaf).should().dependOnClassesThat()
                .resideInAnyPackage(othersThan(leaf)).allowEmptyShould(true);
            rule.check(classes);
        }
    }

    @Test
    void theHostAgentIsPlainJavaThatImportsNothingOfOursNorSpring() {
        // push-server embeds it for demo mode; it is not a Spring module and runs on every host alone.
        java.util.List<String> forbidden = new java.util.ArrayList<>(java.util.List.of(FRONT_ENDS));
        forbidden.addAll(java.util.List.of(LEAVES));
        forbidden.addAll(java.util.List.of(TRAIN, "org.springframework.."));
        noClasses().that().resideInAPackage("io.pushtrain.agent..").should().dependOnClassesThat()
            .resideInAnyPackage(forbidden.toArray(String[]::new)).check(classes);
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.pushtrain.agent")).isTrue();
    }

    @Test
    void onlyThePickOwnerMovesAPickWhileItIsInAPush() {
        java.util.Set<String> moves = java.util.Set.of("joinPush", "leavePush", "merged", "conflicted",
                "conflictedOnRecompute", "repicked", "failedTests", "regressedPerf", "handBack");
        DescribedPredicate<JavaMethodCall> inPushMove = new DescribedPredicate<>("moves a pick inside a push") {
            @Override
            public boolean test(JavaMethodCall call) {
                return call.getTargetOwner().isEquivalentTo(io.pushtrain.train.pick.PickEntity.class)
                        && moves.contains(call.getName());
            }
        };
        noClasses().that().doNotHaveFullyQualifiedName("io.pushtrain.train.push.PushPicks")
            .and().resideOutsideOfPackage("io.pushtrain.train.pick..")
            .should().callMethodWhere(inPushMove).check(classes);
    }

    @Test
    void thePushNeverAsksWhetherItIsTheDemo() {
        noClasses().that().resideInAnyPackage("io.pushtrain.train.push..", "io.pushtrain.train.testrun..",
                "io.pushtrain.train.perflab..", "io.pushtrain.train.schedule..")
            .should().callMethod(io.pushtrain.train.TrainProperties.class, "demo").check(classes);
    }

    @Test
    void theRulesSeeTheCoreSoTheyCanFail() {
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("io.pushtrain.train")).isTrue();
    }

    private static String[] othersThan(String leaf) {
        java.util.List<String> others = new java.util.ArrayList<>(java.util.List.of(FRONT_ENDS));
        others.add(TRAIN);
        for (String other : LEAVES) {
            if (!other.equals(leaf)) {
                others.add(other);
            }
        }
        return others.toArray(String[]::new);
    }
}
