package dev.concert.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * No package of the application depends on itself round a cycle, in any module: the web module's test
 * class path holds the domain, EJB and web modules' classes, and every package of them is a slice.
 * (Two packages importing each other, such as web.api and web.queue once did, are the smallest cycle.)
 */
class PackageCyclesTest {

    static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.concert");

    @Test
    void thePackagesOfTheDomainEjbAndWebModulesFormNoCycle() {
        slices().matching("dev.concert.(**)").should().beFreeOfCycles().check(APPLICATION);
    }

    @Test
    void theCheckSeesEveryModule() {
        assertThat(APPLICATION.containPackage("dev.concert.domain.queue")).isTrue();
        assertThat(APPLICATION.containPackage("dev.concert.application.reservation")).isTrue();
        assertThat(APPLICATION.containPackage("dev.concert.web.api")).isTrue();
    }
}
