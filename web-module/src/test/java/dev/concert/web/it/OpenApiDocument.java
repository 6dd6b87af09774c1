package dev.concert.web.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The server's OpenAPI document as committed in {@code documents/openapi.yaml}: the API reference a clone
 * can read without running the server, kept equal to what {@code /openapi} serves by
 * {@code CatalogApiIT.theServedOpenApiDocumentIsTheCommittedOne}. Documents are compared parsed, without
 * {@code servers} (the address of whichever server answered). After a change to the API, write the file
 * anew from the server: {@code mvn -B verify -pl web-module -Dit.test=CatalogApiIT -Dopenapi.write=true}.
 */
final class OpenApiDocument {

    static final Path COMMITTED = Path.of("..", "documents", "openapi.yaml");

    private OpenApiDocument() {
    }

    /** A YAML (or JSON) OpenAPI document as nested maps and lists, without its {@code servers}. */
    static Map<String, Object> parse(String text) {
        Map<String, Object> document = new LinkedHashMap<>(new Yaml(new SafeConstructor(new LoaderOptions())).load(text));
        document.remove("servers");
        return document;
    }

    static Map<String, Object> committed() throws IOException {
        return parse(Files.readString(COMMITTED));
    }

    /** Writes {@code served} (parsed, without servers) as the committed document. */
    static void commit(Map<String, Object> served) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setWidth(120);
        String header = "# The concert reservation server's OpenAPI document, as its /openapi serves it (without\n"
                + "# `servers`). Written by OpenApiDocument from a running server; CatalogApiIT fails when the two differ.\n";
        Files.writeString(COMMITTED, header + new Yaml(new Representer(options), options).dump(served));
    }

    static boolean writeWanted() {
        return Boolean.getBoolean("openapi.write");
    }
}
