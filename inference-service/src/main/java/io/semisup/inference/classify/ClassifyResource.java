package io.semisup.inference.classify;

import io.semisup.contracts.security.Roles;
import io.semisup.security.RateLimits;
import io.semisup.security.ReadOnly;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

@Path("/classify")
@Produces(MediaType.APPLICATION_JSON)
@ReadOnly
public class ClassifyResource {

    private final Classifier classifier;
    private final RateLimits rateLimits;

    public ClassifyResource(Classifier classifier, RateLimits rateLimits) {
        this.classifier = classifier;
        this.rateLimits = rateLimits;
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Consumes({"image/*", MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Classify one image sent as the request body (any size; grayscale and RGBA are fine)")
    @APIResponse(responseCode = "200", description = "The model id and the top k labels with probabilities")
    @APIResponse(responseCode = "400", description = "Empty or corrupt image, or a bad k")
    @APIResponse(responseCode = "413", description = "Image too large")
    @APIResponse(responseCode = "415", description = "Not an image")
    @APIResponse(responseCode = "429", description = "Over the caller's classification rate limit; see Retry-After")
    @APIResponse(responseCode = "503", description = "No model is active yet")
    @NonBlocking // on the event loop that read the body: see Classifier#classify
    public Uni<Prediction> classify(byte[] body, @QueryParam("k") @Parameter(schema = @Schema(type = SchemaType.INTEGER))
                                    String k) {
        rateLimits.acquire(RateLimits.Kind.CLASSIFY);
        Integer top = topK(k);
        return Uni.createFrom().completionStage(() -> classifier.classify(body, top));
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Classify one image sent as the multipart field 'image'")
    public Prediction classifyForm(@RestForm("image") FileUpload image,
                                   @QueryParam("k") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String k)
            throws IOException {
        rateLimits.acquire(RateLimits.Kind.CLASSIFY);
        Integer top = topK(k);
        if (image == null) {
            throw new BadRequestException("send the image in the multipart field 'image'");
        }
        return classifier.classifyNow(read(image), top);
    }

    /** One result per file, in order; a refused file carries its status and reason and does not fail the others. */
    public record FileResult(String file, Prediction prediction, Integer status, String error) {
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("/batch")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Classify several images (multipart fields 'image', repeated): one result per image")
    public List<FileResult> classifyBatch(@RestForm("image") List<FileUpload> images,
                                          @QueryParam("k") @Parameter(schema = @Schema(type = SchemaType.INTEGER)) String k) {
        rateLimits.acquire(RateLimits.Kind.CLASSIFY);
        Integer top = topK(k);
        if (images == null || images.isEmpty()) {
            throw new BadRequestException("send the images in repeated multipart fields 'image'");
        }
        List<FileResult> results = new ArrayList<>();
        for (FileUpload image : images) {
            try {
                results.add(new FileResult(image.fileName(), classifier.classifyNow(read(image), top), 200, null));
            } catch (ClientErrorException e) {
                results.add(new FileResult(image.fileName(), null, e.getResponse().getStatus(), e.getMessage()));
            } catch (IOException e) {
                results.add(new FileResult(image.fileName(), null, 400, "cannot read the upload: " + e.getMessage()));
            }
        }
        return results;
    }

    private byte[] read(FileUpload upload) throws IOException {
        try (InputStream in = Files.newInputStream(upload.uploadedFile())) {
            return classifier.readAtMost(in);
        }
    }

    /** {@code k} as a number: taken as a String, so that a bad value is a 400 with the reason (JAX-RS answers a
     *  query parameter it cannot convert with a bare 404). */
    private static Integer topK(String k) {
        if (k == null) {
            return null;
        }
        int top;
        try {
            top = Integer.parseInt(k.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("k must be a whole number, got '" + k + "'");
        }
        if (top < 1) {
            throw new BadRequestException("k must be at least 1, got " + top);
        }
        return top;
    }
}
