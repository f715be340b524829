package io.semisup.dataset.image;

/**
 * What became of one uploaded file.
 *
 * @param status accepted, duplicate (the same bytes are already in the dataset, under {@code id}) or refused
 * @param code   the HTTP status a single upload of this file would have had
 */
public record FileResult(String file, String status, String id, Integer code, String reason) {

    public static FileResult of(String file, ImageIntake.Outcome outcome) {
        return new FileResult(file, outcome.duplicate() ? "duplicate" : "accepted", outcome.image().id(),
                outcome.duplicate() ? 200 : 201, null);
    }

    public static FileResult refused(String file, int code, String reason) {
        return new FileResult(file, "refused", null, code, reason);
    }

    public boolean accepted() {
        return "accepted".equals(status);
    }
}
