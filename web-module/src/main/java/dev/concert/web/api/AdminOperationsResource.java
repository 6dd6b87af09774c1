package dev.concert.web.api;

import dev.concert.application.operations.DateSales;
import dev.concert.application.operations.QueueOperations;
import dev.concert.application.operations.SalesReport;
import dev.concert.web.security.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the operators' dashboard shows besides the queue: sales per date and every instance's health. */
@Path("admin")
@ApplicationScoped
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
@SecurityRequirement(name = "adminKey")
public class AdminOperationsResource {

    @Inject
    SalesReport sales;

    @Inject
    QueueOperations operations;

    @JsonbPropertyOrder({"concertId", "title", "date", "sold", "held", "revenue"})
    public record DateSalesJson(String concertId, String title, LocalDate date, long sold, long held, long revenue) {
        static DateSalesJson of(DateSales sales) {
            return new DateSalesJson(String.valueOf(sales.concertId()), sales.title(), sales.date(), sales.sold(),
                    sales.held(), sales.revenue());
        }
    }

    @GET
    @Path("sales")
    @Operation(summary = "Sales per concert date",
            description = "Not in the contract; for the operators' dashboard. Seats sold, seats held by a live hold, "
                    + "and revenue (won) per concert date, by date.")
    @APIResponse(responseCode = "200", description = "One row per concert date",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DateSalesJson.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "sales", value = "[{\"concertId\":\"1\",\"title\":\"IU\","
                            + "\"date\":\"2026-12-24\",\"sold\":31,\"held\":6,\"revenue\":4650000}]")))
    public List<DateSalesJson> sales() {
        return sales.byDate().stream().map(DateSalesJson::of).toList();
    }

    @GET
    @Path("instances")
    @Operation(summary = "Every instance's health",
            description = "Not in the contract; for the operators' dashboard. Each instance reports every 5 s (its "
                    + "database's health included) through the shared queue store; one silent for 15 s is gone.")
    @APIResponse(responseCode = "200", description = "The live reports, by instance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "instances",
                    value = "[{\"instance\":\"web-1-3f0d8a52\",\"host\":\"web-1\",\"startedAt\":\"2026-11-25T09:00:00Z\","
                            + "\"seenAt\":\"2026-11-25T10:00:00Z\",\"database\":\"UP\",\"queueStore\":\"UP\",\"waitingIdleSeconds\":120,"
                            + "\"activeIdleSeconds\":120}]")))
    public List<JsonObject> instances() {
        return operations.instances().values().stream().map(AdminOperationsResource::parse).toList();
    }

    private static JsonObject parse(String report) {
        try (var reader = Json.createReader(new StringReader(report))) {
            return reader.readObject();
        }
    }
}
