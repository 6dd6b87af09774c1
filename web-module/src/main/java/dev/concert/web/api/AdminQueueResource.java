package dev.concert.web.api;

import dev.concert.application.operations.QueueFiguresView;
import dev.concert.application.operations.QueueOperations;
import dev.concert.web.security.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators watch and steer the queue; settings are shared by every instance and outlive restarts. */
@Path("admin/queue")
@ApplicationScoped
@AdminOnly
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin")
@SecurityRequirement(name = "adminKey")
public class AdminQueueResource {

    @Inject
    QueueOperations operations;

    @JsonbNillable
    @JsonbPropertyOrder({"waiting", "active", "admittedLastMinute", "admitPerSecond", "activeMax", "paused",
            "estimatedDrainSeconds", "holdsLive", "soldLastMinute"})
    public record FiguresJson(long waiting, long active, long admittedLastMinute, int admitPerSecond, int activeMax,
                              boolean paused, Long estimatedDrainSeconds, long holdsLive, long soldLastMinute) {
        static FiguresJson of(QueueFiguresView v) {
            return new FiguresJson(v.waiting(), v.active(), v.admittedLastMinute(), v.admitPerSecond(), v.activeMax(),
                    v.paused(), v.estimatedDrainSeconds(), v.holdsLive(), v.soldLastMinute());
        }
    }

    /** Any of the three; a field left out keeps its value. A class, not a record: see ScheduleConcertRequest. */
    public static class SettingsRequest {
        @Min(0)
        @Max(100_000)
        @Schema(example = "50")
        public Integer admitPerSecond;

        @Min(1)
        @Max(10_000_000)
        @Schema(example = "500")
        public Integer activeMax;

        @Schema(example = "false")
        public Boolean paused;
    }

    static final String FIGURES = "{\"waiting\":1234,\"active\":800,\"admittedLastMinute\":5990,\"admitPerSecond\":100,"
            + "\"activeMax\":1000,\"paused\":false,\"estimatedDrainSeconds\":13,\"holdsLive\":312,\"soldLastMinute\":5400}";

    @GET
    @Operation(summary = "The queue's live figures",
            description = "The same on every instance. estimatedDrainSeconds is null while paused.")
    @APIResponse(responseCode = "200", description = "The figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FiguresJson.class),
                    examples = @ExampleObject(name = "figures", value = FIGURES)))
    public FiguresJson figures() {
        return FiguresJson.of(operations.figures());
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Steer admissions",
            description = "Any of admitPerSecond (0..100000), activeMax (1..10000000), paused. Takes effect on every "
                    + "instance within 2 s (at the next admission pass) and outlives restarts: it is kept in the shared store.")
    @APIResponse(responseCode = "200", description = "The figures with the new settings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FiguresJson.class)))
    @APIResponse(responseCode = "400", description = "A value out of range")
    public FiguresJson settings(@Valid @NotNull SettingsRequest body) {
        return FiguresJson.of(operations.steer(body.admitPerSecond, body.activeMax, body.paused));
    }

    @JsonbPropertyOrder({"at", "waiting", "admittedLastMinute"})
    public record SampleJson(java.time.Instant at, long waiting, long admittedLastMinute) {
    }

    @GET
    @Path("history")
    @Operation(summary = "The queue over the last 10 minutes",
            description = "Not in the contract; the dashboard's chart. One sample every 5 s (the first instance to "
                    + "sample a slot wins), oldest first; slots no instance sampled are absent.")
    @APIResponse(responseCode = "200", description = "The samples",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SampleJson.class, type = SchemaType.ARRAY),
                    examples = @ExampleObject(name = "history",
                            value = "[{\"at\":\"2026-11-25T10:00:00Z\",\"waiting\":1234,\"admittedLastMinute\":5990}]")))
    public List<SampleJson> history() {
        return operations.history().stream()
                .map(sample -> new SampleJson(sample.at(), sample.waiting(), sample.admittedLastMinute())).toList();
    }
}
