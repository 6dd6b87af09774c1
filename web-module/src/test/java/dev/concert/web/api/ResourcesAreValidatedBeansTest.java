package dev.concert.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Request bodies and parameters are validated by Hibernate Validator's CDI interceptor alone (Jersey's
 * own validation is off: decisions.md D29), so every resource must stay a CDI bean, or its
 * constraints would silently stop being checked.
 */
class ResourcesAreValidatedBeansTest {

    @Test
    void jerseysOwnValidationIsOff() {
        assertThat(new ConcertApi().getProperties()).containsEntry("jersey.config.beanValidation.disable.server", true);
    }

    @Test
    void everyResourceIsAnApplicationScopedBean() throws IOException {
        List<Class<?>> resources = classesOfThisPackage().filter(type -> type.isAnnotationPresent(Path.class)).toList();

        assertThat(resources).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(type -> assertThat(type.isAnnotationPresent(ApplicationScoped.class))
                        .as("%s is a CDI bean", type.getSimpleName()).isTrue());
    }

    private static Stream<Class<?>> classesOfThisPackage() throws IOException {
        var directory = Paths.get(ConcertApi.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                ConcertApi.class.getPackageName().replace('.', '/'));
        try (Stream<java.nio.file.Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .<Class<?>>map(name -> load(ConcertApi.class.getPackageName() + "." + name.substring(0, name.length() - 6)))
                    .toList().stream();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ResourcesAreValidatedBeansTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
