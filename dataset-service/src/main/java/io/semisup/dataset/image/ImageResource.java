package io.semisup.dataset.image;

import io.semisup.contracts.dataset.DatasetEventType;
import io.semisup.contracts.dataset.Split;
import io.semisup.contracts.security.Roles;
import io.semisup.dataset.DatasetChanges;
import io.semisup.dataset.DatasetState;
import io.semisup.dataset.DatasetStore;
import io.semisup.security.RateLimits;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

@Path("/datasets/{datasetId}")
@Blocking
public class ImageResource {

    private final DatasetStore datasets;
    private final ImageIntake intake;
    private final ImageValidator validator;
    private final DatasetChanges changes;
    private final RateLimits rateLimits;

    public ImageResource(DatasetStore datasets, ImageIntake intake, ImageValidator validator,
            DatasetChanges changes, RateLimits rateLimits) {
        this.datasets = datasets;
        this.intake = intake;
        this.validator = validator;
        this.changes = changes;
        this.rateLimits = rateLimits;
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/images")
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Upload one image as the request body",
            description = "split=labeled|unlabeled|validation|test; class is required for all but unlabeled.")
    @APIResponse(responseCode = "201", description = "Stored; the body has its id (the SHA-256 of its bytes)")
    @APIResponse(responseCode = "200", description = "The same bytes were already in the dataset: a duplicate")
    @APIResponse(responseCode = "400", description = "Unknown split, missing or bad class")
    @APIResponse(responseCode = "404", description = "No such dataset")
    @APIResponse(responseCode = "413", description = "Over the byte or pixel limit")
    @APIResponse(responseCode = "415", description = "Not a JPEG, PNG, BMP or GIF image")
    @APIResponse(responseCode = "422", description = "Corrupt or truncated image")
    @APIResponse(responseCode = "429", description = "Over the caller's upload rate limit; see Retry-After")
    public Response upload(@PathParam("datasetId") String datasetId, @QueryParam("split") String split,
            @QueryParam("class") String className, @QueryParam("filename") String fileName, InputStream body) {
        rateLimits.acquire(RateLimits.Kind.UPLOAD);
        DatasetState dataset = datasets.require(datasetId);
        Split target = split(split);
        ImageIntake.checkPlacement(dataset, target, className);
        ImageIntake.Outcome outcome = intake.ingest(dataset, target, className, fileName, readBounded(body));
        if (!outcome.duplicate()) {
            changes.saved(dataset, DatasetEventType.IMAGES_ADDED);
        }
        return Response.status(outcome.duplicate() ? 200 : 201).entity(outcome).build();
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/images")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload one or many images as multipart form data",
            description = "Fields: split, class (all but unlabeled), and one or more 'file' parts. Each file is "
                    + "accepted, a duplicate, or refused with its reason; a refused file does not stop the others.")
    @APIResponse(responseCode = "200", description = "One result per file")
    @APIResponse(responseCode = "400", description = "Unknown split, missing or bad class, no file")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public List<FileResult> uploadMany(@PathParam("datasetId") String datasetId, @RestForm String split,
            @RestForm("class") String className, @RestForm("file") List<FileUpload> files) {
        rateLimits.acquire(RateLimits.Kind.UPLOAD);
        DatasetState dataset = datasets.require(datasetId);
        Split target = split(split);
        ImageIntake.checkPlacement(dataset, target, className);
        if (files == null || files.isEmpty()) {
            throw new BadRequestException("no file: send the images as 'file' parts");
        }
        List<FileResult> results = new ArrayList<>();
        for (FileUpload file : files) {
            try {
                validator.checkSize(file.size());
                byte[] bytes = Files.readAllBytes(file.uploadedFile());
                results.add(FileResult.of(file.fileName(),
                        intake.ingest(dataset, target, className, file.fileName(), bytes)));
            } catch (ClientErrorException e) {
                results.add(FileResult.refused(file.fileName(), e.getResponse().getStatus(), e.getMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (results.stream().anyMatch(FileResult::accepted)) {
            changes.saved(dataset, DatasetEventType.IMAGES_ADDED);
        }
        return results;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/images")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List images, in upload order, a page at a time, optionally of one split and class")
    @APIResponse(responseCode = "400", description = "Unknown split, or a bad page or size")
    @APIResponse(responseCode = "404", description = "No such dataset")
    public ImagePage list(@PathParam("datasetId") String datasetId, @QueryParam("split") String split,
            @QueryParam("class") String className,
            @QueryParam("page") @DefaultValue("0") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String pageParam,
            @QueryParam("size") @DefaultValue("100") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String sizeParam) {
        int page = wholeNumber("page", pageParam);
        int size = wholeNumber("size", sizeParam);
        if (page < 0 || size < 1 || size > 1000) {
            throw new BadRequestException("page must be >= 0 and size between 1 and 1000");
        }
        Split only = split == null ? null : split(split);
        List<ImageEntry> matching = datasets.require(datasetId).images(image ->
                (only == null || image.split() == only)
                        && (className == null || className.equals(image.className())));
        int from = (int) Math.min((long) page * size, matching.size());
        return new ImagePage(matching.subList(from, Math.min(from + size, matching.size())), matching.size(), page,
                size);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/images/{imageId}")
    @Produces({"image/jpeg", "image/png", "image/bmp", "image/gif"})
    @Operation(summary = "Download one image, as it was uploaded")
    @APIResponse(responseCode = "404", description = "No such dataset or image")
    public Response download(@PathParam("datasetId") String datasetId, @PathParam("imageId") String imageId) {
        ImageEntry image = image(datasets.require(datasetId), imageId);
        byte[] bytes = datasets.imageBytes(datasetId, imageId)
                .orElseThrow(() -> new NotFoundException("image " + imageId + " has no stored bytes"));
        return Response.ok(bytes, image.contentType()).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/images/{imageId}")
    @Operation(summary = "Remove one image from the dataset",
            description = "Versions that hold the image keep it.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such dataset or image")
    public void delete(@PathParam("datasetId") String datasetId, @PathParam("imageId") String imageId) {
        DatasetState dataset = datasets.require(datasetId);
        image(dataset, imageId);
        intake.rollback(dataset, imageId);
        changes.saved(dataset, DatasetEventType.IMAGES_REMOVED);
    }

    @RolesAllowed(Roles.LABELLER)
    @POST
    @Path("/labels")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Label unlabelled images (one or many): each moves to the labelled split with its class",
            description = "All or nothing: if one label is refused, none is applied.")
    @APIResponse(responseCode = "200", description = "The labelled images")
    @APIResponse(responseCode = "400", description = "A bad class, or an image that is not unlabelled")
    @APIResponse(responseCode = "404", description = "No such dataset or image")
    public List<ImageEntry> label(@PathParam("datasetId") String datasetId, List<LabelRequest> labels) {
        DatasetState dataset = datasets.require(datasetId);
        if (labels == null || labels.isEmpty()) {
            throw new BadRequestException("send a list of {\"imageId\": ..., \"class\": ...}");
        }
        Map<String, ImageEntry> labelled = new HashMap<>();
        synchronized (dataset) {
            for (LabelRequest request : labels) {
                ImageEntry image = image(dataset, request.imageId());
                if (image.split() != Split.UNLABELED) {
                    throw new BadRequestException("image " + image.id() + " is in " + image.split()
                            + ", not unlabeled");
                }
                ImageIntake.checkPlacement(dataset, Split.LABELED, request.className());
                labelled.put(image.id(), image.withLabel(request.className()));
            }
            labelled.values().forEach(dataset::commit);
        }
        changes.saved(dataset, DatasetEventType.IMAGES_LABELED);
        return List.copyOf(labelled.values());
    }

    private static ImageEntry image(DatasetState dataset, String imageId) {
        return dataset.image(imageId).orElseThrow(() -> new NotFoundException("no image " + imageId
                + " in dataset " + dataset.id()));
    }

    private static Split split(String split) {
        if (split == null) {
            throw new BadRequestException("split is required: labeled, unlabeled, validation or test");
        }
        try {
            return Split.of(split);
        } catch (RuntimeException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    /** Reads a request body, refusing it with 413 as soon as it passes the byte limit. */
    private byte[] readBounded(InputStream body) {
        try {
            return validator.readAtMost(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Query parameters are taken as Strings and converted here, so that a bad value is a 400 with the reason (JAX-RS
     *  answers a query parameter it cannot convert with a bare 404). */
    private static int wholeNumber(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be a whole number, got '" + value + "'");
        }
    }
}
