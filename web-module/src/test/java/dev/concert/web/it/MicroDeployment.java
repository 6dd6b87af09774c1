package dev.concert.web.it;

import dev.concert.application.catalog.ConcertCatalog;
import dev.concert.domain.concert.Concert;
import dev.concert.web.api.ConcertApi;
import java.io.File;
import java.net.URISyntaxException;
import org.jboss.shrinkwrap.api.GenericArchive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The application as one WAR for Payara Micro (which cannot deploy an EAR): the web module's
 * classes, the EJB and domain modules and the EAR's lib/ jars (ejb-module/target/lib) as WEB-INF/lib, and the EJB module's
 * ejb-jar.xml where a WAR keeps it. Built from what the reactor compiled, not from test classes.
 * Named ROOT.war, so that Micro serves it at the server's root as Payara Server serves the EAR's web module:
 * what is at the root (/favicon.ico, the OpenAPI document's server "/") is then tested as it runs.
 */
public final class MicroDeployment {

    private MicroDeployment() {
    }

    public static WebArchive war() {
        WebArchive war = ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(directory(location(ConcertApi.class)), "/WEB-INF/classes")
                .addAsLibraries(module("domain-module.jar", location(Concert.class)),
                        module("ejb-module.jar", location(ConcertCatalog.class)))
                .addAsLibraries(libraries())
                .addAsLibraries(warLibraries())
                .addAsWebInfResource(ConcertCatalog.class.getClassLoader().getResource("META-INF/ejb-jar.xml"),
                        "ejb-jar.xml");
        File webapp = new File("src/main/webapp");
        if (webapp.isDirectory()) {
            war.merge(directory(webapp), "/");
        }
        return war;
    }

    /** What the EAR has in lib/ besides the domain module: ejb-module/target/lib, made by its build. */
    private static File[] libraries() {
        File[] jars = new File("../ejb-module/target/lib").listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No ../ejb-module/target/lib: build the ejb-module first (mvn package)");
        }
        return jars;
    }

    /** The WAR's own libraries (the pages' WebJars), as the WAR has them in WEB-INF/lib. */
    private static File[] warLibraries() {
        File[] jars = new File("target/war-lib").listFiles((dir, name) -> name.endsWith(".jar"));
        return jars == null ? new File[0] : jars;
    }

    private static GenericArchive directory(File directory) {
        return ShrinkWrap.create(GenericArchive.class).as(ExplodedImporter.class)
                .importDirectory(directory).as(GenericArchive.class);
    }

    /** A module compiled to a directory (reactor before packaging) or already packaged as a jar. */
    private static JavaArchive module(String name, File location) {
        if (location.isDirectory()) {
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location).as(JavaArchive.class);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, location);
    }

    static File location(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
