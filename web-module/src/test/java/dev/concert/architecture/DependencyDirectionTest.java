package dev.concert.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.concert.application.leak.ServiceThatReadsRedis;
import dev.concert.infrastructure.queue.QueueStores;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: web → application → domain. The infrastructure (JPA repositories, the
 * Redis and in-process queue stores, the data source) implements the domain's and the application's
 * ports and is reached by nobody: the container injects it behind those interfaces. So the application
 * layer, like the web layer, names no infrastructure type, and the domain names nothing of ours
 * outside itself.
 */
class DependencyDirectionTest {

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("web").definedBy("dev.concert.web..")
            .layer("application").definedBy("dev.concert.application..")
            .layer("infrastructure").definedBy("dev.concert.infrastructure..")
            .layer("domain").definedBy("dev.concert.domain..")
            .whereLayer("web").mayNotBeAccessedByAnyLayer()
            .whereLayer("infrastructure").mayNotBeAccessedByAnyLayer()
            .whereLayer("application").mayOnlyBeAccessedByLayers("web", "infrastructure")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("application", "infrastructure", "web");

    @Test
    void webApplicationAndDomainPointOneWayAndNobodyReachesIntoTheInfrastructure() {
        LAYERS.check(PackageCyclesTest.APPLICATION);
    }

    @Test
    void anApplicationClassThatNamesAnInfrastructureTypeFailsTheRule() {
        var leaking = new ClassFileImporter().importClasses(ServiceThatReadsRedis.class, QueueStores.class);
        assertThat(LAYERS.evaluate(leaking).hasViolation()).isTrue();
        assertThat(LAYERS.evaluate(leaking).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ServiceThatReadsRedis") && line.contains("QueueStores"));
    }
}
