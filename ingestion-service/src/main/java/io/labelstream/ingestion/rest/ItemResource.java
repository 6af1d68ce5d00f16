package io.labelstream.ingestion.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.ingestion.config.IngestionConfig;
import io.labelstream.ingestion.domain.ItemSubmission;
import io.labelstream.ingestion.domain.LineOutcome;
import io.labelstream.ingestion.domain.UploadJob;
import io.labelstream.ingestion.repository.ItemRepository;
import io.labelstream.ingestion.repository.ItemRow;
import io.labelstream.ingestion.service.IngestAccess;
import io.labelstream.ingestion.service.ItemService;
import io.labelstream.ingestion.service.UploadService;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Path("/projects/{projectId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.INGESTOR, Roles.MANAGER})
public class ItemResource {

    /** A page of items; pass {@code next} as {@code after} for the following page. */
    public record ItemPage(List<ItemView> items, String next) {
    }

    private final ItemService itemService;
    private final UploadService uploads;
    private final ItemRepository items;
    private final IngestAccess access;
    private final IngestionConfig config;
    private final ObjectMapper mapper;

    public ItemResource(ItemService itemService, UploadService uploads, ItemRepository items, IngestAccess access,
                        IngestionConfig config, ObjectMapper mapper) {
        this.mapper = mapper;
        this.itemService = itemService;
        this.uploads = uploads;
        this.items = items;
        this.access = access;
        this.config = config;
    }

    /** 201 with the new item, or 200 with the stored item it duplicates. */
    @POST
    @Path("/items")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ingest(@PathParam("projectId") UUID projectId, ItemSubmission item, UriInfo uri) {
        ProjectEvent project = access.requireIngestible(projectId);
        if (item == null) {
            throw ProblemException.badRequest("body", "an item is required");
        }
        LineOutcome outcome = itemService.ingestOne(project, item);
        ItemView view = ItemView.of(items.find(projectId, outcome.itemId()).orElseThrow(), null);
        if (outcome.status() == LineOutcome.Status.DUPLICATE) {
            return Response.ok(view).build();
        }
        return Response.created(uri.getAbsolutePathBuilder().path(outcome.itemId().toString()).build())
                .entity(view).build();
    }

    @POST
    @Path("/items/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    public IngestResult ingestBatch(@PathParam("projectId") UUID projectId, InputStream body) throws IOException {
        ProjectEvent project = access.requireIngestible(projectId);
        List<JsonNode> batch = new BatchReader(mapper, config.maxBatchItems()).read(body);
        return IngestResult.of(itemService.ingestBatch(project, batch));
    }

    /**
     * An NDJSON file of any size, one item per line. 200 with the finished job for small files, else 202
     * with the job to poll at Location.
     */
    @POST
    @Path("/uploads")
    @Consumes({"application/x-ndjson", "application/jsonl", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public Response upload(@PathParam("projectId") UUID projectId, InputStream body, UriInfo uri) {
        ProjectEvent project = access.requireIngestible(projectId);
        UploadJob job = uploads.receive(project, access.callerId(), body);
        int limit = config.maxPageSize();
        UploadView view = UploadView.of(job, uploads.rejections(job.jobId(), 0, limit), limit);
        return Response.status(job.state().finished() ? Response.Status.OK : Response.Status.ACCEPTED)
                .location(uri.getBaseUriBuilder().path("projects").path(projectId.toString()).path("uploads")
                        .path(job.jobId().toString()).build())
                .entity(view).build();
    }

    @GET
    @Path("/uploads/{jobId}")
    public UploadView upload(@PathParam("projectId") UUID projectId, @PathParam("jobId") UUID jobId,
                             @QueryParam("afterLine") @DefaultValue("0") long afterLine,
                             @QueryParam("limit") @DefaultValue("100") int limit) {
        access.requireReader(projectId);
        UploadJob job = uploads.find(jobId);
        if (!job.projectId().equals(projectId)) {
            throw ProblemException.notFound("upload " + jobId);
        }
        int pageSize = pageSize(limit);
        return UploadView.of(job, uploads.rejections(jobId, afterLine, pageSize), pageSize);
    }

    @GET
    @Path("/items/{itemId}")
    public ItemView item(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId) {
        access.requireReader(projectId);
        ItemRow row = items.find(projectId, itemId).orElseThrow(() -> ProblemException.notFound("item " + itemId));
        return ItemView.of(row, items.referenceAnswer(itemId).orElse(null));
    }

    /** Items in ingestion order, keyset-paged; filters: kind (REGULAR, GOLD), state (STORED, PUBLISHED), since. */
    @GET
    @Path("/items")
    public ItemPage list(@PathParam("projectId") UUID projectId, @QueryParam("after") String after,
                         @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("kind") ItemKind kind,
                         @QueryParam("state") String state, @QueryParam("since") String since) {
        access.requireReader(projectId);
        int pageSize = pageSize(limit);
        List<ItemRow> rows = items.page(projectId, cursor(after), kind, published(state), instant(since), pageSize);
        String next = rows.size() == pageSize ? String.valueOf(rows.get(rows.size() - 1).seq()) : null;
        return new ItemPage(rows.stream().map(r -> ItemView.of(r, null)).toList(), next);
    }

    private int pageSize(int limit) {
        if (limit < 1 || limit > config.maxPageSize()) {
            throw ProblemException.invalid("limit", "must be 1.." + config.maxPageSize());
        }
        return limit;
    }

    private static long cursor(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("after", "is not a cursor returned as 'next'");
        }
    }

    private static Boolean published(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case ItemView.PUBLISHED -> true;
            case ItemView.STORED -> false;
            default -> throw ProblemException.invalid("state", "must be STORED or PUBLISHED");
        };
    }

    private static Instant instant(String since) {
        try {
            return since == null ? null : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("since", "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
